"""Results into files: NAME.json, NAME.html per student; index.html, grades.csv, grades_canvas.csv for the class.

Rendered from ``SubmissionResult`` records alone: the report never reads the config, the submission or
the sandbox.  This module turns a record into a *view* (plain dicts of strings, numbers and booleans:
the words in the report's language, the numbers formatted, the plot geometry computed) and the
templates lay the view out with nothing but loops, conditions and formatting filters.

jinja2 runs with ``autoescape=True`` (every string is escaped, whatever the template's file name: the
student's name, file name, printed output, exception messages and code all pass through it) and
``StrictUndefined`` (a template typo fails the tests, not a student's report).  Nothing here builds
HTML: the SVG plots are laid out by the templates from the numbers computed here.  Files are written
atomically: a run killed half-way leaves every finished report whole.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import math
import os
import re
import statistics
import tempfile
import tomllib
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import quote

import jinja2

from .results import CheckResult, Fault, Status, SubmissionResult, Text

TEMPLATES = Path(__file__).with_name("templates")
UI: dict[str, dict[str, str]] = tomllib.loads((TEMPLATES / "ui.toml").read_text("utf-8"))
LANGS = ("en", "ko")

STATUSES = ("ok", "load_error", "timeout", "crash", "grader")
LIKELY = Text("Likely mistake: ", "추정되는 실수: ")  # how checks.py and runner.py start a diagnosis line


@functools.cache
def _env() -> jinja2.Environment:
    """One environment per process: parsing the templates again for every student cost 30 ms each."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _points
    env.filters["pct"] = lambda x: f"{100 * x:.0f}%"
    env.filters["f1"] = lambda x: f"{x:.1f}"
    return env


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Writes to a temporary file beside ``path`` and renames it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # as an ordinary new file (mkstemp makes it 0600)
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


# -- small formatting helpers ------------------------------------------------------------------------
def _points(x: Any) -> str:
    """Points as a TA writes them: 13, 7.5, 0.25."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    return f"{x:g}"


def _entry(v: Any) -> str:
    """One array entry for a table: four significant digits, nan/inf said as such."""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return f"{v:.4g}"
    return "—" if v is None else str(v)


def _err(v: Any) -> str:
    return f"{v:.3g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def _shape(shape: Any, ui: dict[str, str]) -> str:
    """[1, 2] -> '(1, 2)', [3] -> '(3,)', [] -> 'scalar'."""
    if not isinstance(shape, (list, tuple)):
        return "—" if shape is None else str(shape)
    if len(shape) == 0:
        return ui["scalar"]
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(s) for s in shape) + ")"


def _when(iso: str) -> str:
    """'2026-12-01T13:47:40+00:00' -> '2026-12-01 22:47 KST': the grading machine's own time zone (the
    TA's), named."""
    try:
        t = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or "—"
    if t.tzinfo is not None:
        t = t.astimezone()
        return t.strftime("%Y-%m-%d %H:%M ") + (t.tzname() or "")
    return t.strftime("%Y-%m-%d %H:%M")


# The sandbox names its layers in English (confine.py); a Korean report says what each one is.
PROTECTION_KO = {
    "user namespace": "사용자 네임스페이스", "network namespace": "네트워크 격리", "ipc namespace": "IPC 격리",
    "pid namespace": "프로세스 격리", "private tmpfs": "전용 임시 디스크", "process cleanup": "남은 프로세스 정리",
    "oom score": "메모리 부족 시 우선 종료", "rlimits": "자원 제한", "no_new_privs": "권한 상승 차단",
    "landlock": "파일 접근 제한", "landlock network": "네트워크 접속 차단", "landlock scoping": "시그널 범위 제한",
    "privilege drop": "권한 낮추기", "seccomp": "시스템 호출 제한", "output cap": "출력 크기 제한",
}
NOTE_KO = (
    (r"killed first when memory runs out", "메모리가 부족하면 가장 먼저 종료"),
    (r"memory (\d+) MB, files (\d+) MB, (\d+) open files, (\d+) processes, CPU (\d+) s",
     r"메모리 \1 MB, 파일 \2 MB, 열린 파일 \3개, 프로세스 \4개, CPU \5초"),
    (r"uid (\d+), own user namespace and process count", r"uid \1, 전용 사용자 네임스페이스와 프로세스 수"),
    (r"uid (\d+), no capabilities \(grader not root\)", r"uid \1, 특권 없음 (채점기가 root가 아님)"),
    (r"uid (\d+) \(grader not root\)", r"uid \1 (채점기가 root가 아님)"),
    (r"no sockets, ptrace, io_uring, SysV IPC or namespaces", "소켓, ptrace, io_uring, SysV IPC, 네임스페이스 금지"),
    (r", signals to itself only", ", 자기 자신에게만 시그널"), (r"^pid namespace$", "PID 네임스페이스"),
    (r"^process tree walk$", "프로세스 트리 탐색"), (r" \(main thread only: (\d+) other threads\)", r" (주 스레드만: 다른 스레드 \1개)"),
)


def _protection_name(name: str, lang: str) -> str:
    return f"{PROTECTION_KO[name]}({name})" if lang == "ko" and name in PROTECTION_KO else name


def _protection_note(note: str, lang: str) -> str:
    if lang != "ko":
        return note
    for pattern, ko in NOTE_KO:
        note = re.sub(pattern, ko, note)
    return note


def _ui_text(ui: dict[str, str], key: str, **fields: Any) -> str:
    return ui[key].format(**fields)


def _students(n: int, ui: dict[str, str]) -> str:
    return ui["n_student"] if n == 1 else ui["n_students"].format(n=n)


# -- the class-level status --------------------------------------------------------------------------
def status_of(result: SubmissionResult) -> str:
    """One word for the overview: ok, load_error, timeout, crash, grader."""
    faults = {c.fault for c in result.checks}
    if Fault.GRADER in faults:
        return "grader"
    if not result.gradable:
        return "load_error"
    for f in (Fault.TIMEOUT, Fault.CRASH):
        if f in faults:
            return {Fault.TIMEOUT: "timeout", Fault.CRASH: "crash"}[f]
    return "ok"


# -- arrays as tables --------------------------------------------------------------------------------
def _depth(v: Any) -> int:
    d = 0
    while isinstance(v, list):
        d += 1
        if not v:
            break
        v = v[0]
    return d


def _rows(values: Any, mask: Any, expected: Any, ui: dict[str, str]) -> list[dict[str, Any]]:
    """A 2-D block (list of rows) as table rows of cells."""
    out = []
    for i, row in enumerate(values):
        cells = []
        for j, v in enumerate(row):
            wrong = bool(_at(mask, i, j))
            exp = _at(expected, i, j)
            cells.append({"text": _entry(v), "wrong": wrong,
                          "title": f"{ui['expected']} {_entry(exp)}" if wrong and exp is not None else ""})
        out.append({"index": i, "cells": cells})
    return out


def _at(nested: Any, *idx: int) -> Any:
    try:
        for i in idx:
            nested = nested[i]
        return nested
    except (IndexError, TypeError, KeyError):
        return None


def array_table(values: Any, mask: Any = None, expected: Any = None, lang: str = "en") -> dict[str, Any] | None:
    """Nested lists (0-D to 3-D) as table slices: {slices: [{title, cols, rows: [{index, cells}]}], one_d}.

    ``mask`` marks the wrong entries; ``expected`` (same shape) gives each wrong cell its expected value.
    None when the value is not a small numeric array the report can show.
    """
    ui = UI[lang]
    if values is None:
        return None
    depth = _depth(values)
    try:
        if depth == 0:
            slices = [{"title": "", "cols": [], "rows": _rows([[values]], [[mask]], [[expected]], ui)}]
        elif depth == 1:
            slices = [{"title": "", "cols": list(range(len(values))),
                       "rows": _rows([values], [mask] if mask is not None else None,
                                     [expected] if expected is not None else None, ui)}]
        elif depth == 2:
            width = max((len(r) for r in values if isinstance(r, list)), default=0)
            slices = [{"title": "", "cols": list(range(width)), "rows": _rows(values, mask, expected, ui)}]
        elif depth == 3:
            slices = []
            for k, plane in enumerate(values):
                width = max((len(r) for r in plane if isinstance(r, list)), default=0)
                slices.append({"title": f"[{k}, :, :]", "cols": list(range(width)),
                               "rows": _rows(plane, _at(mask, k), _at(expected, k), ui)})
        else:
            return None
    except TypeError:
        return None
    return {"slices": slices, "one_d": depth == 1}


def _nested_shape(v: Any) -> list[int] | None:
    """The shape of nested lists, or None when they are ragged."""
    shape = []
    while isinstance(v, list):
        shape.append(len(v))
        if not v:
            break
        if any(isinstance(x, list) != isinstance(v[0], list) or (isinstance(x, list) and len(x) != len(v[0]))
               for x in v):
            return None
        v = v[0]
    return shape


def shape_picture(shape: Any, cap: int = 8) -> dict[str, Any] | None:
    """A shape as a grid of empty boxes (at most ``cap`` per side), so (3,) and (3, 1) look different."""
    if not isinstance(shape, (list, tuple)) or len(shape) > 2 or not all(isinstance(s, int) for s in shape):
        return None
    rows, cols = (1, 1) if len(shape) == 0 else (1, shape[0]) if len(shape) == 1 else (shape[0], shape[1])
    return {"rows": list(range(min(rows, cap))), "cols": list(range(min(cols, cap))),
            "more_rows": rows > cap, "more_cols": cols > cap, "one_d": len(shape) == 1}


# -- one comparison, one traceback, one loss curve ---------------------------------------------------
def comparison_view(comp: dict[str, Any], result: SubmissionResult, concept: str, lang: str) -> dict[str, Any]:
    ui = UI[lang]
    label = comp.get("label_ko") if lang == "ko" and comp.get("label_ko") else comp.get("label", "")
    exp_shape, act_shape = comp.get("expected_shape"), comp.get("actual_shape")
    if act_shape is None and "actual_type" not in comp and comp.get("actual") is not None:
        act_shape = _nested_shape(comp["actual"])
    actual_desc = _shape(act_shape, ui) if act_shape is not None else str(comp.get("actual_type") or "—")
    shape_ok = act_shape is not None and list(act_shape) == list(exp_shape or [])
    mask = comp.get("wrong")
    expected, actual = comp.get("expected"), comp.get("actual")
    n_wrong = comp.get("n_wrong")
    size = math.prod(exp_shape) if isinstance(exp_shape, list) and all(isinstance(s, int) for s in exp_shape) else None
    firsts = []
    for item in comp.get("first_mismatches") or []:
        try:
            idx, e, a = item
            firsts.append(ui["at_index"].format(index="[" + ", ".join(str(i) for i in idx) + "]",
                                                expected=_entry(e), actual=_entry(a)))
        except (TypeError, ValueError):
            continue
    diag = comp.get("diagnosis") or None
    diagnosis = None
    if isinstance(diag, dict) and diag.get(lang):
        dc = diag.get("concept") or concept
        diagnosis = {"text": diag[lang], "concept": result.concepts[dc].get(lang) if dc in result.concepts else "",
                     "lecture": result.lecture[dc].get(lang) if dc in result.lecture else ""}
    # a comparison of plain values (a string, a choice) rather than of arrays: shown as the values
    plain = exp_shape is None and not isinstance(expected, list) and expected is not None
    view = {
        "label": label,
        "plain": plain,
        "expected_value": _entry(expected) if plain else "",
        "actual_value": _entry(actual) if plain and actual is not None else (str(comp.get("actual_type") or "—")
                                                                           if plain else ""),
        "actual_type": str(comp.get("actual_type") or "") if plain else "",
        "expected_shape": _shape(exp_shape, ui),
        "actual_shape": actual_desc,
        "shape_ok": shape_ok,
        "expected_picture": None if shape_ok else shape_picture(exp_shape),
        "actual_picture": None if shape_ok else shape_picture(act_shape),
        "expected_table": array_table(expected, None, None, lang),
        "actual_table": array_table(actual, mask if shape_ok else None, expected if shape_ok else None, lang),
        "wrong_summary": ui["wrong_entries"].format(n=n_wrong, size=size if size is not None else "?")
        if isinstance(n_wrong, int) else (ui["nonfinite_entries"] if mask is not None and shape_ok else ""),
        "wrong_count": ui["wrong_count"].format(n=n_wrong, size=size if size is not None else "?")
        if isinstance(n_wrong, int) else "",
        "max_abs": _err(comp["max_abs_error"]) if comp.get("max_abs_error") is not None else "",
        "max_rel": _err(comp["max_rel_error"]) if comp.get("max_rel_error") is not None else "",
        "first_mismatches": firsts if (actual is None or mask is None) else [],
        "diagnosis": diagnosis,
    }
    return view


_WHERE = re.compile(r"^cell (\d+), line (\d+)$")


def excerpt_view(excerpt: dict[str, Any], marked: set[int], ui: dict[str, str]) -> list[dict[str, Any]]:
    """The student's lines around a failing one: gutter numbers as the student sees them (line in the
    file, or line in the cell with a heading where a notebook cell starts)."""
    out, last_cell = [], None
    for item in excerpt.get("lines", []):
        try:
            n, where, text, cell, no = item if len(item) == 5 else (*item, None, None)
        except (TypeError, ValueError):
            continue
        if no is None:  # a record written before cells were kept: read them from the English location
            m = _WHERE.match(str(where))
            cell, no = (int(m.group(1)), int(m.group(2))) if m else (None, n)
        out.append({"no": no, "text": text, "hl": n in marked,
                    "cell_break": ui["cell"].format(n=cell) if cell is not None and cell != last_cell else ""})
        last_cell = cell
    return out


def error_view(details: dict[str, Any], result: SubmissionResult, lang: str) -> dict[str, Any] | None:
    """A student exception: type, message, the call the grader made, the student's own frames with code."""
    ui = UI[lang]
    exc = details.get("exception")
    frames = details.get("traceback") or []
    if not exc and not frames:
        return None
    views = []
    for f in frames:
        line = f.get("line")
        ex = result.source_excerpts.get(str(line))
        views.append({"where": f.get("where_ko") if lang == "ko" else f.get("where"),
                      "function": ui["in_function"].format(function=f.get("name", "?")),
                      "code": f.get("code", ""),
                      "lines": excerpt_view(ex, {line}, ui) if ex else []})
    return {"type": (exc or {}).get("type", ""), "message": (exc or {}).get("message", ""),
            "call": details.get("call_ko" if lang == "ko" else "call") or details.get("call", ""),
            "frames": views}


def _nice_step(span: float, target: int = 5) -> float:
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _tick_label(v: float) -> str:
    return f"{v:g}" if abs(v) >= 1e-3 or v == 0 else f"{v:.1e}"


def loss_plot(curve: dict[str, Any], lang: str, width: int = 600, height: int = 260) -> dict[str, Any] | None:
    """The geometry of the loss plot: polyline points per series, axis ticks; None without data."""
    ui = UI[lang]

    def finite(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

    series_data = [("student", ui["yours"], curve.get("student") or []),
                   ("reference", ui["reference"], curve.get("reference") or [])]
    values = [v for _, _, vs in series_data for v in vs if finite(v)]
    if not values:
        return None
    every = curve.get("every") if finite(curve.get("every")) and curve.get("every") > 0 else 1
    n = max(len(vs) for _, _, vs in series_data)
    x_max = curve.get("epochs") if finite(curve.get("epochs")) and curve.get("epochs") > 0 else max((n - 1) * every, 1)
    left, right, top, bottom = 52, 14, 14, 44
    pw, ph = width - left - right, height - top - bottom
    y_step = _nice_step(max(max(values), 1e-9))
    y_max = y_step * math.ceil(max(max(values), 1e-9) / y_step)
    x_step = _nice_step(x_max, 4)

    def px(epoch: float) -> float:
        return round(left + pw * min(epoch, x_max) / x_max, 1)

    def py(v: float) -> float:
        return round(top + ph * (1 - max(min(v, y_max), 0) / y_max), 1)

    series = []
    for key, label, vs in series_data:
        segments, current = [], []
        for j, v in enumerate(vs):
            if finite(v):
                current.append(f"{px(j * every)},{py(v)}")
            elif current:
                segments.append(" ".join(current))
                current = []
        if current:
            segments.append(" ".join(current))
        last = next((v for v in reversed(vs) if finite(v)), None)
        series.append({"key": key, "label": label, "segments": segments, "last": last,
                       "missing": any(not finite(v) for v in vs)})
    y_ticks = [{"y": py(k * y_step), "tx": left - 6, "ty": py(k * y_step) + 4, "label": _tick_label(k * y_step)}
               for k in range(int(round(y_max / y_step)) + 1)]
    x_ticks = [{"x": px(k * x_step), "ty": height - bottom + 16, "label": _tick_label(k * x_step)}
               for k in range(int(x_max // x_step) + 1)]
    mine, ref = series[0]["last"], series[1]["last"]
    return {"width": width, "height": height, "left": left, "right": width - right, "top": top,
            "bottom": height - bottom, "series": series, "y_ticks": y_ticks, "x_ticks": x_ticks,
            "x_label": ui["epoch"], "x_label_x": left + pw / 2, "x_label_y": height - 8,
            "summary": ui["final_loss"].format(yours=f"{mine:.3g}" if mine is not None else "—",
                                               reference=f"{ref:.3g}" if ref is not None else "—"),
            "missing": series[0]["missing"] and bool(curve.get("student"))}


# -- the student's report ----------------------------------------------------------------------------
def _message_lines(c: CheckResult, comparisons: list[dict[str, Any]], lang: str) -> list[str]:
    """The check's message, without the 'Likely mistake' lines the diagnosis box already shows."""
    shown = set()
    for comp in comparisons:
        d = comp.get("diagnosis")
        if isinstance(d, dict):
            shown.add(LIKELY.get(lang) + str(d.get(lang, "")))
    return [line for line in c.message.get(lang).split("\n") if line not in shown]


def _fault_label(c: CheckResult, ui: dict[str, str]) -> str:
    if c.status == Status.PASSED or c.fault is None:
        return ""
    return ui.get(f"fault_{c.fault}", str(c.fault))


def check_view(c: CheckResult, result: SubmissionResult, lang: str) -> dict[str, Any]:
    ui = UI[lang]
    passed = c.status == Status.PASSED
    comps = [comp for comp in c.details.get("comparisons", []) if isinstance(comp, dict)] if not passed else []
    not_graded = c.fault == Fault.NOT_GRADABLE
    curve = c.details.get("curve") if isinstance(c.details.get("curve"), dict) else None
    accuracy = c.details.get("accuracy")
    threshold = c.details.get("threshold")
    acc_text = ""
    if isinstance(accuracy, (int, float)) and math.isfinite(accuracy):
        acc_text = (ui["accuracy_needed"].format(accuracy=f"{100 * accuracy:.1f}%", threshold=f"{100 * threshold:.0f}%")
                    if isinstance(threshold, (int, float)) else f"{100 * accuracy:.1f}%")
    crash_output = c.details.get("output", "") if c.fault == Fault.CRASH else ""
    comparisons = [comparison_view(comp, result, c.concept, lang) for comp in comps]
    # the pointer to the lecture, once: in the diagnosis box when there is one, else below the check
    lecture = "" if passed or not_graded or c.concept not in result.lecture else result.lecture[c.concept].get(lang)
    message = [] if passed or not_graded else _message_lines(c, comps, lang)
    # a likely mistake the message names on a line of its own (the runner's hints) gets the same box
    hint = None
    if not any(v["diagnosis"] for v in comparisons):
        for line in message:
            if line.startswith(LIKELY.get(lang)):
                hint = {"text": line[len(LIKELY.get(lang)):], "lecture": lecture,
                        "concept": result.concepts[c.concept].get(lang) if c.concept in result.concepts else ""}
                message = [m for m in message if m != line]
                break
    if hint or any(v["diagnosis"] and v["diagnosis"]["lecture"] == lecture for v in comparisons):
        lecture = ""
    return {
        "id": c.id, "anchor": "check-" + c.id, "name": c.name.get(lang), "passed": passed,
        "status": str(c.status), "status_label": ui["not_graded"] if not_graded else ui[str(c.status)],
        "fault": str(c.fault) if c.fault and not passed else "", "fault_label": _fault_label(c, ui),
        "score": c.score, "max_score": c.max_score,
        "message": message, "hint": hint,
        "comparisons": comparisons,
        "error": None if passed else error_view(c.details, result, lang),
        "call": (c.details.get("call_ko" if lang == "ko" else "call") or c.details.get("call", ""))
        if c.fault in (Fault.TIMEOUT, Fault.CRASH, Fault.TYPE) else "",
        "crash_output": crash_output if isinstance(crash_output, str) else str(crash_output),
        "plot": loss_plot(curve, lang) if curve else None,
        "accuracy": acc_text,
        "concept": result.concepts[c.concept].get(lang) if c.concept in result.concepts else c.concept,
        "lecture": lecture,
    }


def _verdict(checks: list[CheckResult], lang: str, views: dict[str, dict[str, Any]]) -> str:
    """Why a concept is not there yet, in one phrase: the diagnosis, else the fault, else the checks."""
    ui = UI[lang]
    failed = [c for c in checks if c.status == Status.FAILED]
    for c in failed:
        for comp in c.details.get("comparisons", []):
            d = comp.get("diagnosis") if isinstance(comp, dict) else None
            if isinstance(d, dict) and d.get(lang):
                return ui["verdict_diagnosis"].format(text=d[lang])
    for c in failed:
        for line in c.message.get(lang).split("\n"):  # a likely mistake the runner named (not a comparison's)
            if line.startswith(LIKELY.get(lang)):
                return ui["verdict_diagnosis"].format(text=line[len(LIKELY.get(lang)):])
    for c in failed:
        if c.fault == Fault.ERROR:
            err = views[c.id]["error"]
            if err and err["frames"]:
                last = c.details["traceback"][-1]
                return ui["verdict_error"].format(type=err["type"], function=last.get("name", "?"),
                                                  where=err["frames"][-1]["where"])
            if err:
                return f'{err["type"]}: {err["message"]}' if err["message"] else err["type"]
        if c.fault in (Fault.TIMEOUT, Fault.CRASH, Fault.TYPE, Fault.NOT_GRADABLE, Fault.GRADER):
            return ui[f"verdict_{c.fault}"]
    for c in failed:
        if views[c.id]["accuracy"]:
            return ui["verdict_accuracy"].format(accuracy=views[c.id]["accuracy"])
        for comp in views[c.id]["comparisons"]:
            if not comp["shape_ok"] and comp["actual_shape"] != "—":
                return ui["verdict_shape"].format(label=comp["label"], actual=comp["actual_shape"],
                                                  expected=comp["expected_shape"])
            if comp["wrong_count"]:
                return f'{comp["label"]}: {comp["wrong_count"]}'
        lines = c.message.get(lang).split("\n")
        if not views[c.id]["comparisons"] and len(lines) == 1 and len(lines[0]) <= 160:
            return lines[0]
    return ui["verdict_wrong"].format(checks=", ".join(views[c.id]["name"] for c in failed))


def concept_verdicts(result: SubmissionResult, lang: str = "en",
                     views: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One line per concept: passed or not, points, and why not."""
    ui = UI[lang]
    views = views or {c.id: check_view(c, result, lang) for c in result.checks}
    out = []
    for cid, name in result.concepts.items():
        checks = [c for c in result.checks if c.concept == cid]
        if not checks:
            continue
        passed = sum(c.status == Status.PASSED for c in checks)
        ok = passed == len(checks)
        failed = [c for c in checks if c.status == Status.FAILED]
        out.append({"id": cid, "name": name.get(lang), "ok": ok, "passed": passed, "total": len(checks),
                    "score": round(sum(c.score for c in checks), 6), "max": round(sum(c.max_score for c in checks), 6),
                    "summary": ui["concept_ok" if ok else "concept_bad"].format(passed=passed, total=len(checks)),
                    "verdict": "" if ok else _verdict(checks, lang, views),
                    "lecture": result.lecture[cid].get(lang) if not ok and cid in result.lecture else "",
                    "failed": [{"anchor": views[c.id]["anchor"], "name": views[c.id]["name"]} for c in failed
                               if c.fault != Fault.NOT_GRADABLE]})
    return out


def _without_prefix(text: str, prefix: str) -> str:
    """The banner already says "Not gradable"; the reason need not say it again."""
    return text[len(prefix):] if text.startswith(prefix) else text


def student_view(result: SubmissionResult, lang: str) -> dict[str, Any]:
    ui = UI[lang]
    checks = [check_view(c, result, lang) for c in result.checks]
    by_id = {v["id"]: v for v in checks}
    problem_lines = []
    if not result.gradable and result.source_excerpts:
        marked = {int(k) for k in result.source_excerpts if str(k).isdigit()}
        problem_lines = [excerpt_view(ex, marked, ui) for ex in result.source_excerpts.values() if isinstance(ex, dict)]
    output = result.output or ""
    return {
        "lang": lang, "ui": ui, "student": result.student, "title": result.assignment_title.get(lang),
        "file": result.file or "—", "sha": result.sha256[:12] if result.sha256 else "",
        "graded_at": _when(result.graded_at), "graded_iso": result.graded_at,
        "score": result.score, "max_score": result.max_score,
        "fraction": result.score / result.max_score if result.max_score else 0.0,
        "gradable": result.gradable, "status": status_of(result), "status_label": ui["status_" + status_of(result)],
        "problem": _without_prefix(result.problem.get(lang), Text("Not gradable: ", "채점 불가: ").get(lang))
        if result.problem else "", "problem_code": problem_lines,
        "warnings": [w.get(lang) for w in result.load_warnings],
        "concepts": concept_verdicts(result, lang, by_id), "checks": checks,
        # what to fix first; then what passed, in the checks' order
        "failed": [c for c in checks if not c["passed"]], "passed": [c for c in checks if c["passed"]],
        "passed_title": ui["passed_checks"].format(n=sum(c["passed"] for c in checks)),
        "output": output,
        "output_summary": ui["output_summary"].format(chars=len(output), lines=output.count("\n") + (
            1 if output and not output.endswith("\n") else 0)),
        "protections": [{"name": _protection_name(k, lang), "on": bool(v),
                         "note": _protection_note(v, lang) if isinstance(v, str) else ""}
                        for k, v in result.protections.items()],
        "grader_version": result.grader_version, "seconds": ui["seconds"].format(seconds=f"{result.seconds:.1f}"),
    }


def student_html(result: SubmissionResult, lang: str) -> str:
    return _env().get_template("student.html.j2").render(v=student_view(result, lang))


def student_json(result: SubmissionResult, lang: str, fingerprint: str = "") -> str:
    """``NAME.json``; ``fingerprint`` identifies the checks and grader that produced it (for reuse)."""
    data = result.to_dict(lang)
    data["grader"]["fingerprint"] = fingerprint
    return json.dumps(data, ensure_ascii=False, indent=1)


# -- the class overview ------------------------------------------------------------------------------
def histogram(scores: list[float], max_score: float, lang: str, width: int = 600,
              height: int = 200) -> dict[str, Any]:
    """Score bins (one per point up to 20 points, else tenths) and their bars' geometry."""
    ui = UI[lang]
    if max_score <= 0:
        max_score = 1.0
    if max_score <= 20:
        nb, bin_width = int(math.floor(max_score)) + 1, 1.0
        labels = [str(k) for k in range(nb)]
    else:
        nb, bin_width = 10, max_score / 10
        labels = [f"{k * 10}%" for k in range(nb)]
    counts = [0] * nb
    for s in scores:
        counts[max(0, min(nb - 1, int(math.floor(s / bin_width + 1e-9))))] += 1
    left, right, top, bottom = 36, 10, 34, 40
    pw, ph = width - left - right, height - top - bottom
    peak = max(counts + [1])
    slot = pw / nb
    bars = []
    for k, n in enumerate(counts):
        h = ph * n / peak
        bars.append({"x": round(left + k * slot + slot * 0.1, 1), "w": round(slot * 0.8, 1),
                     "y": round(top + ph - h, 1), "h": round(h, 1), "count": n, "ty": round(top + ph - h - 4, 1),
                     "cx": round(left + k * slot + slot / 2, 1), "label": labels[k],
                     "title": f"{labels[k]}: {_students(n, ui)}"})
    mean = statistics.fmean(scores) if scores else 0.0
    # a bin spans [k, k + 1) points: the mean sits where its score would fall inside its bin
    mean_x = round(left + slot * min(mean / bin_width, nb), 1) if scores else None
    y_step = max(1, int(_nice_step(peak, 4)))
    return {"width": width, "height": height, "left": left, "right": width - right, "top": top,
            "bottom": top + ph, "bars": bars, "axis": ui["histogram_axis"], "axis_x": left + pw / 2,
            "axis_y": height - 6, "label_y": top + ph + 16,
            "mean_x": mean_x, "mean_tx": min(max((mean_x or 0) + 4, left), width - right - 90), "mean_ty": 12, "mean_y1": 16,
            "mean_label": f"{ui['mean']} {mean:.2f}",
            "y_ticks": [{"y": round(top + ph - ph * k / peak, 1), "tx": left - 6,
                         "ty": round(top + ph - ph * k / peak + 4, 1), "label": str(k)}
                        for k in range(0, peak + 1, y_step)]}


def _level(rate: float) -> str:
    return "low" if rate < 0.5 else "mid" if rate < 0.8 else "high"


def class_summary(results: list[SubmissionResult], lang: str) -> dict[str, Any]:
    ui = UI[lang]
    first = results[0] if results else None
    check_ids = [c.id for c in first.checks] if first else []
    names = {c.id: c.name.get(lang) for r in results for c in r.checks}
    concept_of = {c.id: c.concept for r in results for c in r.checks}
    concepts = dict(first.concepts) if first else {}
    total = len(results)

    def passed(r: SubmissionResult, cid: str) -> bool:
        return any(c.id == cid and c.status == Status.PASSED for c in r.checks)

    rates = []
    for cid in check_ids:
        n = sum(passed(r, cid) for r in results)
        rate = n / total if total else 0.0
        rates.append({"id": cid, "name": names[cid], "passed": n, "total": total, "rate": rate,
                      "pct": f"{100 * rate:.0f}%", "level": _level(rate), "concept": concept_of[cid]})
    groups = []
    for cid, cname in concepts.items():
        members = [x for x in rates if x["concept"] == cid]
        if not members:
            continue
        all_ok = sum(all(passed(r, m["id"]) for m in members) for r in results)
        rate = all_ok / total if total else 0.0
        groups.append({"id": cid, "name": cname.get(lang), "checks": members, "passed": all_ok, "total": total,
                       "pct": f"{100 * rate:.0f}%", "level": _level(rate),
                       "lecture": first.lecture[cid].get(lang) if first and cid in first.lecture else ""})

    diag: dict[str, dict[str, Any]] = {}
    errors: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in results:
        for c in r.checks:
            for comp in c.details.get("comparisons", []) if c.status == Status.FAILED else []:
                d = comp.get("diagnosis") if isinstance(comp, dict) else None
                if isinstance(d, dict) and d.get(lang):
                    entry = diag.setdefault(d[lang], {"text": d[lang], "students": [], "concept": d.get("concept")
                                                      or c.concept, "checks": []})
                    if r.student not in entry["students"]:
                        entry["students"].append(r.student)
                    if names[c.id] not in entry["checks"]:
                        entry["checks"].append(names[c.id])
            exc = c.details.get("exception") if c.fault == Fault.ERROR else None
            if isinstance(exc, dict):
                tb = c.details.get("traceback") or [{}]
                errors[(str(exc.get("type", "?")), str(tb[-1].get("name", "?")))].add(r.student)
    diagnoses = []
    for d in sorted(diag.values(), key=lambda d: (-len(d["students"]), d["text"])):
        n = len(d["students"])
        cname = concepts[d["concept"]].get(lang) if d["concept"] in concepts else ""
        diagnoses.append({"count": n, "who": _students(n, ui), "text": d["text"],
                          "sentence": f"{_students(n, ui)}: {d['text']}", "concept": cname,
                          "lecture": first.lecture[d["concept"]].get(lang) if first and d["concept"] in first.lecture
                          else "", "checks": d["checks"],
                          "students": [{"name": s, "href": _href(s)} for s in sorted(d["students"])]})
    error_list = [{"count": len(who), "who": _students(len(who), ui),
                   "text": ui["error_in"].format(type=t, function=f),
                   "students": [{"name": s, "href": _href(s)} for s in sorted(who)]}
                  for (t, f), who in sorted(errors.items(), key=lambda kv: (-len(kv[1]), kv[0]))]

    scores = [r.score for r in results]
    max_score = first.max_score if first else 0
    statuses = Counter(status_of(r) for r in results)
    return {
        "n": total, "n_text": _students(total, ui), "max_score": max_score,
        "mean": statistics.fmean(scores) if scores else 0.0,
        "median": statistics.median(scores) if scores else 0.0,
        "full": sum(1 for r in results if r.max_score and r.score >= r.max_score),
        "statuses": [{"key": s, "label": ui["status_" + s], "count": statuses[s]} for s in STATUSES if statuses[s]],
        "rates": rates, "groups": groups, "diagnoses": diagnoses, "errors": error_list,
        "histogram": histogram(scores, max_score, lang),
    }


def _href(student: str) -> str:
    return quote(student, safe="") + ".html"


def class_rows(results: list[SubmissionResult], lang: str) -> list[dict[str, Any]]:
    ui = UI[lang]
    rows = []
    for r in results:
        st = status_of(r)
        cells = []
        for c in r.checks:
            ok = c.status == Status.PASSED
            fault = _fault_label(c, ui)
            cells.append({"id": c.id, "passed": ok, "score": c.score, "max_score": c.max_score,
                          "mark": "✓" if ok else "✗", "fault": str(c.fault) if c.fault and not ok else "",
                          "title": f"{c.name.get(lang)}: {_points(c.score)}/{_points(c.max_score)}"
                                   + (f" ({fault})" if fault else "")})
        rows.append({"student": r.student, "href": _href(r.student), "score": r.score, "max_score": r.max_score,
                     "status": st, "status_label": ui["status_" + st], "status_rank": STATUSES.index(st),
                     "checks": cells})
    return rows


def index_view(results: list[SubmissionResult], lang: str, title: Text,
               skipped: Sequence[Text] = ()) -> dict[str, Any]:
    ui = UI[lang]
    first = results[0] if results else None
    return {"lang": lang, "ui": ui, "title": title.get(lang), "s": class_summary(results, lang),
            "skipped": [note.get(lang) for note in skipped],
            "rows": class_rows(results, lang),
            "columns": [{"id": c.id, "name": c.name.get(lang),
                         "short": c.id.split(".", 1)[-1].replace("_", " ")} for c in (first.checks if first else ())],
            "graded_at": max((_when(r.graded_at) for r in results if r.graded_at), default="")}


def index_html(results: list[SubmissionResult], lang: str, title: Text, skipped: Sequence[Text] = ()) -> str:
    """The TA's page; ``skipped`` names what in the submissions folder was not graded, and why."""
    return _env().get_template("index.html.j2").render(v=index_view(results, lang, title, skipped))


# -- the gradebook -----------------------------------------------------------------------------------
def grades_csv(results: Iterable[SubmissionResult], canvas: bool = False, title: Text | None = None,
               lang: str = "en") -> str:
    """One row per student: id, score, maximum, status, points per check.

    The Canvas variant follows Canvas's gradebook import: the identity columns Canvas expects (Student,
    ID, SIS User ID, SIS Login ID, Section), a "Points Possible" row, and one column named after the
    assignment.  Canvas matches a row on its user id (ID), which a Canvas export's file names carry;
    without one, the student's name goes in the SIS columns.
    """
    results = list(results)
    ids = [c.id for c in results[0].checks] if results else []
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if canvas:
        column = (title or (results[0].assignment_title if results else Text("Assignment", "과제"))).get(lang)
        w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column])
        w.writerow(["Points Possible", "", "", "", "", _points(results[0].max_score) if results else ""])
        for r in results:  # Canvas matches its own user id when the export's file names gave one
            w.writerow([r.student, r.lms_id, "", "", "", _points(r.score)] if r.lms_id else
                       [r.student, "", r.student, r.student, "", _points(r.score)])
        return buf.getvalue()
    w.writerow(["student", "score", "max_score", "status"] + ids)
    for r in results:
        points = {c.id: c.score for c in r.checks}
        w.writerow([r.student, _points(r.score), _points(r.max_score), status_of(r)]
                   + [_points(points[i]) if i in points else "" for i in ids])
    return buf.getvalue()


def write_student(result: SubmissionResult, folder: Path, lang: str, fingerprint: str = "") -> None:
    write_atomic(folder / f"{result.student}.html", student_html(result, lang))
    # the JSON last: a run that resumes takes its presence to mean the student is done
    write_atomic(folder / f"{result.student}.json", student_json(result, lang, fingerprint))


def write_class(results: list[SubmissionResult], folder: Path, lang: str, title: Text,
                skipped: Sequence[Text] = ()) -> None:
    write_atomic(folder / "index.html", index_html(results, lang, title, skipped))
    # With a byte-order mark, so that Excel (a Korean one included) opens the names as UTF-8.
    write_atomic(folder / "grades.csv", "\ufeff" + grades_csv(results, title=title))
    write_atomic(folder / "grades_canvas.csv", "\ufeff" + grades_csv(results, canvas=True, title=title, lang=lang))
