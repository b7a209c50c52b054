"""A student's report, ``NAME.html`` (and ``NAME.json``): the score, one verdict per concept, then each
check with expected and produced side by side, the likely mistake, the student's own lines.

Rendered from a ``SubmissionResult`` alone.  This module turns the record into a *view* (plain dicts of
strings, numbers and booleans: the words in the report's language, the numbers formatted, the plot
geometry computed) and the template lays it out.
"""
from __future__ import annotations

import math
import re
from dataclasses import asdict
from datetime import datetime
from typing import Any, Sequence

from ..results import (
    LIKELY,
    Adjustment,
    CheckResult,
    Fault,
    Late,
    Status,
    SubmissionResult,
    adjusted_score,
)
from .arrays import array_table, nested_shape, shape_picture
from .files import strict_json
from .render import render
from .svg import loss_plot
from .words import (
    UI,
    entry,
    err,
    points,
    protection_name,
    protection_note,
    shape_text,
    when,
)


def comparison_view(comp: dict[str, Any], result: SubmissionResult, concept: str, lang: str) -> dict[str, Any]:
    ui = UI[lang]
    label = comp.get("label_ko") if lang == "ko" and comp.get("label_ko") else comp.get("label", "")
    exp_shape, act_shape = comp.get("expected_shape"), comp.get("actual_shape")
    if act_shape is None and "actual_type" not in comp and comp.get("actual") is not None:
        act_shape = nested_shape(comp["actual"])
    actual_desc = shape_text(act_shape, ui) if act_shape is not None else str(comp.get("actual_type") or "—")
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
                                                expected=entry(e), actual=entry(a)))
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
        "expected_value": entry(expected) if plain else "",
        "actual_value": entry(actual) if plain and actual is not None else (str(comp.get("actual_type") or "—")
                                                                           if plain else ""),
        "actual_type": str(comp.get("actual_type") or "") if plain else "",
        "expected_shape": shape_text(exp_shape, ui),
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
        "max_abs": err(comp["max_abs_error"]) if comp.get("max_abs_error") is not None else "",
        "max_rel": err(comp["max_rel_error"]) if comp.get("max_rel_error") is not None else "",
        "first_mismatches": firsts if (actual is None or mask is None) else [],
        "diagnosis": diagnosis,
    }
    return view


_WHERE = re.compile(r"^cell (\d+), line (\d+)$")


def excerpt_view(excerpt: dict[str, Any], marked: set[int], ui: dict[str, str], lang: str = "en") -> list[dict[str, Any]]:
    """The student's lines around a failing one: gutter numbers as the student sees them (line in the
    file, or line in the cell with a heading where a notebook cell starts, naming the cell by its first line)."""
    labels = excerpt.get("cells") if isinstance(excerpt.get("cells"), dict) else {}

    def heading(cell) -> str:
        label = labels.get(str(cell))
        text = label.get(lang) if isinstance(label, dict) else None
        if not isinstance(text, str):  # a record written before cells were named
            return ui["cell"].format(n=cell)
        return text[:1].upper() + text[1:]

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
                    "cell_break": heading(cell) if cell is not None and cell != last_cell else ""})
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
                      "lines": excerpt_view(ex, {line}, ui, lang) if ex else []})
    return {"type": (exc or {}).get("type", ""), "message": (exc or {}).get("message", ""),
            "call": details.get("call_ko" if lang == "ko" else "call") or details.get("call", ""),
            "frames": views}


def fault_label(c: CheckResult, ui: dict[str, str]) -> str:
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
    message = [] if passed or not_graded else c.message.get(lang).split("\n")
    # a likely mistake the check named apart from its comparisons gets the same box, unless a comparison's
    # diagnosis has it already: then it is a line of the message
    hint = None
    if c.hint is not None and not passed and not not_graded:
        if any(v["diagnosis"] for v in comparisons):
            message.append((LIKELY + c.hint).get(lang))
        else:
            hint = {"text": c.hint.get(lang), "lecture": lecture,
                    "concept": result.concepts[c.concept].get(lang) if c.concept in result.concepts else ""}
    if hint or any(v["diagnosis"] and v["diagnosis"]["lecture"] == lecture for v in comparisons):
        lecture = ""
    return {
        "id": c.id, "anchor": "check-" + c.id, "name": c.name.get(lang), "passed": passed,
        "status": str(c.status), "status_label": ui["not_graded"] if not_graded else ui[str(c.status)],
        "fault": str(c.fault) if c.fault and not passed else "", "fault_label": fault_label(c, ui),
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
        if c.hint is not None:  # a likely mistake named apart from a comparison
            return ui["verdict_diagnosis"].format(text=c.hint.get(lang))
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


def at(iso: str) -> str:
    """A deadline or a submission time in its own time zone, as the course announced it: '2026-12-07 23:59 +09:00'."""
    try:
        t = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or "—"
    zone = t.strftime("%z")
    return t.strftime("%Y-%m-%d %H:%M") + (f" {zone[:3]}:{zone[3:]}" if zone else "")


def days_text(days: int, ui: dict[str, str]) -> str:
    return ui["late_day"] if days == 1 else ui["late_n_days"].format(n=days)


def late_view(late: Late | None, raw: float, lang: str) -> dict[str, Any] | None:
    """The deadline line of a student's page: on time, how late and what it cost, or that no time is known."""
    if late is None:
        return None
    ui = UI[lang]
    fields = {"due": at(late.due), "submitted": at(late.submitted_at), "days": days_text(late.days, ui),
              "percent": points(round(late.percent, 2)), "penalty": points(round(late.penalty, 2)),
              "raw": points(raw), "score": points(round(max(0.0, raw - late.penalty), 6))}
    if not late.known:
        key = "late_unknown"
    elif late.days <= 0:
        key = "late_on_time"
    else:
        key = "late_flag" if late.source == "canvas_flag" else "late_days"
    return {"text": ui[key].format(**fields), "late": late.days > 0, "penalty": late.penalty}


def adjustments_view(adjustments: Sequence[Adjustment], result: SubmissionResult, lang: str) -> list[dict[str, str]]:
    """The TA's hand adjustments as the student reads them: what, on which check, why and when."""
    names = {c.id: c.name.get(lang) for c in result.checks}
    return [{"label": a.label, "check": names.get(a.check, a.check) if a.check else UI[lang]["adjust_whole"],
             "reason": a.reason, "when": when(a.made_at), "by": a.author} for a in adjustments]


def student_view(result: SubmissionResult, lang: str, late: Late | None = None,
                 adjustments: Sequence[Adjustment] = ()) -> dict[str, Any]:
    ui = UI[lang]
    earned = adjusted_score(result.checks, adjustments)
    final = round(max(0.0, earned - (late.penalty if late else 0.0)), 6)
    by_check: dict[str, list[str]] = {}
    for a in adjustments:   # the TA's adjustment beside the check it changed: "+1" links to the list above
        if a.check:
            by_check.setdefault(a.check, []).append(a.label)
    checks = [{**check_view(c, result, lang), "adjusted": " ".join(by_check.get(c.id, ()))} for c in result.checks]
    by_id = {v["id"]: v for v in checks}
    problem_lines = []
    if not result.gradable and result.source_excerpts:
        marked = {int(k) for k in result.source_excerpts if str(k).isdigit()}
        problem_lines = [excerpt_view(ex, marked, ui, lang) for ex in result.source_excerpts.values() if isinstance(ex, dict)]
    output = result.output or ""
    return {
        "lang": lang, "ui": ui, "student": result.student, "title": result.assignment_title.get(lang),
        "file": result.file or "—", "sha": result.sha256[:12] if result.sha256 else "",
        "graded_at": when(result.graded_at), "graded_iso": result.graded_at,
        "score": final, "raw_score": result.score, "earned": earned,
        "adjustments": adjustments_view(adjustments, result, lang),
        "max_score": result.max_score, "late": late_view(late, earned, lang),
        "fraction": min(1.0, final / result.max_score) if result.max_score else 0.0,
        "gradable": result.gradable, "status": result.status, "status_label": ui["status_" + result.status],
        "problem": result.problem.get(lang) if result.problem else "", "problem_code": problem_lines,
        "warnings": [w.get(lang) for w in result.load_warnings],
        "concepts": concept_verdicts(result, lang, by_id), "checks": checks,
        # what to fix first; then what passed, in the checks' order
        "failed": [c for c in checks if not c["passed"]], "passed": [c for c in checks if c["passed"]],
        "passed_title": ui["passed_checks"].format(n=sum(c["passed"] for c in checks)),
        "output": output,
        "output_summary": ui["output_summary"].format(chars=len(output), lines=output.count("\n") + (
            1 if output and not output.endswith("\n") else 0)),
        "protections": [{"name": protection_name(k, lang), "on": bool(v), "note": protection_note(v, lang)}
                        for k, v in result.protections.items()],
        "grader_version": result.grader_version, "seconds": ui["seconds"].format(seconds=f"{result.seconds:.1f}"),
    }


def student_html(result: SubmissionResult, lang: str, late: Late | None = None,
                 adjustments: Sequence[Adjustment] = ()) -> str:
    return render("student.html.j2", student_view(result, lang, late, adjustments))


def page_state(data: dict[str, Any] | None = None, late: Late | None = None,
               adjustments: Sequence[Adjustment] = ()) -> dict[str, Any]:
    """What a page shows besides the checks' results, read back from ``NAME.json`` (``data``) or made from
    a run's lateness and adjustments: when the two differ, the page is written again."""
    if data is not None:
        return {"late": data["grader"].get("late"), "adjustments": data["grader"].get("adjustments", [])}
    return {"late": asdict(late) if late is not None else None,
            "adjustments": [{**asdict(a), "stale": False} for a in adjustments]}


def student_json(result: SubmissionResult, lang: str, fingerprint: str = "", late: Late | None = None,
                 adjustments: Sequence[Adjustment] = ()) -> str:
    """``NAME.json``; ``fingerprint`` identifies the checks and grader that produced it (for reuse). The
    checks' ``score`` is the automatic one; ``adjustments`` are the TA's, ``late`` what the late policy
    deducts on this run, and ``final_score`` what the student gets."""
    data = result.to_dict(lang)
    data["grader"]["fingerprint"] = fingerprint
    state = page_state(late=late, adjustments=adjustments)
    data["grader"]["late"] = state["late"]
    data["grader"]["adjustments"] = state["adjustments"]
    earned = adjusted_score(result.checks, adjustments)
    data["grader"]["final_score"] = round(max(0.0, earned - (late.penalty if late else 0.0)), 6)
    return strict_json(data)
