"""Results into files: NAME.json, NAME.html per student; index.html and grades.csv for the class.

Rendered from ``SubmissionResult`` records alone.  jinja2 runs with ``autoescape=True`` (every student
string is escaped, whatever the template's file name) and ``StrictUndefined`` (a template typo fails
the tests, not a student's report).  Files are written atomically: a run killed half-way leaves every
finished report whole.
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

import jinja2
from markupsafe import Markup, escape

from .results import Fault, Status, SubmissionResult, Text

TEMPLATES = Path(__file__).with_name("templates")

UI = {
    "en": {"score": "Score", "assignment": "Assignment", "graded": "Graded", "file": "File", "passed": "passed",
           "failed": "failed", "points": "points", "expected": "expected", "got": "got", "output": "Printed output",
           "no_output": "(nothing printed)", "not_gradable": "Not gradable", "warnings": "Notes on loading",
           "concepts": "By concept", "checks": "Checks", "protections": "Sandbox protections",
           "student": "Student", "status": "Status", "class": "Class overview", "pass_rate": "Pass rate per check",
           "histogram": "Score distribution", "diagnoses": "Most frequent mistakes", "students": "students",
           "lecture": "Lecture", "your_code": "Your code", "loss": "Loss per epoch", "yours": "your network",
           "reference": "reference from the same start", "accuracy": "Final accuracy", "epoch": "epoch",
           "ok": "ok", "timeout": "timed out", "load_error": "load error", "crash": "crashed", "error": "error",
           "wrong": "wrong", "type": "wrong type", "grader": "grader fault", "mean": "Mean",
           "all_passed": "all passed", "some_failed": "needs work", "largest_error": "largest error",
           "shape": "shape", "diagnosis": "Likely mistake", "back": "Class overview", "active": "active",
           "inactive": "not available"},
    "ko": {"score": "점수", "assignment": "과제", "graded": "채점 시각", "file": "파일", "passed": "통과",
           "failed": "실패", "points": "점", "expected": "기대값", "got": "제출값", "output": "출력 내용",
           "no_output": "(출력 없음)", "not_gradable": "채점 불가", "warnings": "불러오기 참고 사항",
           "concepts": "개념별 결과", "checks": "검사 항목", "protections": "샌드박스 보호 장치",
           "student": "학생", "status": "상태", "class": "반 전체 요약", "pass_rate": "검사 항목별 통과율",
           "histogram": "점수 분포", "diagnoses": "자주 나온 실수", "students": "명",
           "lecture": "강의", "your_code": "제출한 코드", "loss": "epoch별 손실", "yours": "제출한 신경망",
           "reference": "같은 초기값에서의 정답 코드", "accuracy": "최종 정확도", "epoch": "epoch",
           "ok": "정상", "timeout": "시간 초과", "load_error": "불러오기 오류", "crash": "비정상 종료", "error": "예외",
           "wrong": "오답", "type": "잘못된 자료형", "grader": "채점기 오류", "mean": "평균",
           "all_passed": "모두 통과", "some_failed": "보완 필요", "largest_error": "최대 오차",
           "shape": "shape", "diagnosis": "추정되는 실수", "back": "반 전체 요약", "active": "활성",
           "inactive": "사용 불가"},
}


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda x: f"{x:g}" if isinstance(x, (int, float)) else str(x)
    env.filters["pct"] = lambda x: f"{100 * x:.0f}%"
    return env


def write_atomic(path: Path, data: str | bytes) -> None:
    """Writes to a temporary file beside ``path`` and renames it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def status_of(result: SubmissionResult) -> str:
    """One word for the overview: ok, load_error, timeout, crash, grader."""
    if not result.gradable:
        return "load_error"
    faults = {c.fault for c in result.checks}
    for f in (Fault.GRADER, Fault.TIMEOUT, Fault.CRASH):
        if f in faults:
            return {Fault.GRADER: "grader", Fault.TIMEOUT: "timeout", Fault.CRASH: "crash"}[f]
    return "ok"


def concept_verdicts(result: SubmissionResult) -> list[dict[str, Any]]:
    out = []
    for cid, name in result.concepts.items():
        checks = [c for c in result.checks if c.concept == cid]
        if not checks:
            continue
        out.append({"id": cid, "name": name, "passed": sum(c.status == Status.PASSED for c in checks),
                    "total": len(checks), "score": sum(c.score for c in checks),
                    "max": sum(c.max_score for c in checks),
                    "failed": [c for c in checks if c.status == Status.FAILED]})
    return out


def loss_svg(curve: dict[str, Any], lang: str, width: int = 560, height: int = 220) -> str:
    """The student's and the reference's loss per epoch as inline SVG (no JavaScript)."""
    series = [("student", "#c0392b", UI[lang]["yours"]), ("reference", "#2c7fb8", UI[lang]["reference"])]
    every = curve.get("every", 1)
    values = [v for key, _, _ in series for v in curve.get(key, []) if isinstance(v, (int, float))]
    if not values:
        return ""
    top = max(max(values), 1e-9) * 1.05
    pad_l, pad_b, pad_t = 48, 28, 10
    n = max(len(curve.get(k, [])) for k, _, _ in series)
    sx = (width - pad_l - 10) / max(n - 1, 1)
    sy = (height - pad_b - pad_t) / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'class="plot" aria-label="{UI[lang]["loss"]}">',
             f'<line x1="{pad_l}" y1="{height - pad_b}" x2="{width - 10}" y2="{height - pad_b}" stroke="#888"/>',
             f'<line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{height - pad_b}" stroke="#888"/>',
             f'<text x="{pad_l - 4}" y="{pad_t + 8}" font-size="10" text-anchor="end">{top:.2g}</text>',
             f'<text x="{pad_l - 4}" y="{height - pad_b}" font-size="10" text-anchor="end">0</text>',
             f'<text x="{width - 10}" y="{height - 8}" font-size="10" text-anchor="end">'
             f'{UI[lang]["epoch"]} {curve.get("epochs", (n - 1) * every)}</text>']
    for i, (key, colour, label) in enumerate(series):
        pts = [(pad_l + j * sx, height - pad_b - min(v, top) * sy) for j, v in enumerate(curve.get(key, []))
               if isinstance(v, (int, float))]
        if pts:
            d = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            dash = ' stroke-dasharray="5,3"' if key == "reference" else ""
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{d}"/>')
        parts.append(f'<rect x="{width - 230}" y="{pad_t + 4 + 16 * i}" width="12" height="3" fill="{colour}"/>'
                     f'<text x="{width - 212}" y="{pad_t + 9 + 16 * i}" font-size="11">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def student_html(result: SubmissionResult, lang: str) -> str:
    plots = {c.id: loss_svg(c.details["curve"], lang) for c in result.checks if "curve" in c.details}
    return _env().get_template("student.html.j2").render(
        r=result, lang=lang, ui=UI[lang], concepts=concept_verdicts(result), status=status_of(result),
        plots={k: Markup(v) for k, v in plots.items()}, Status=Status)


def student_json(result: SubmissionResult, lang: str) -> str:
    return json.dumps(result.to_dict(lang), ensure_ascii=False, indent=1)


def class_summary(results: list[SubmissionResult], lang: str) -> dict[str, Any]:
    checks = results[0].checks if results else ()
    rates = []
    for i, c in enumerate(checks):
        passed = sum(1 for r in results if r.checks[i].status == Status.PASSED)
        rates.append({"id": c.id, "name": c.name.get(lang), "passed": passed, "total": len(results),
                      "rate": passed / len(results) if results else 0})
    max_score = results[0].max_score if results else 0
    bins = 10
    hist = [0] * (bins + 1)
    for r in results:
        hist[int(round(bins * r.score / max_score)) if max_score else 0] += 1
    diag: Counter[tuple[str, str]] = Counter()
    for r in results:
        seen = set()
        for c in r.checks:
            for comp in c.details.get("comparisons", []):
                d = comp.get("diagnosis")
                if d and d["code"] not in seen:
                    seen.add(d["code"])
                    diag[(d["code"], d[lang])] += 1
    return {"rates": rates, "hist": hist, "bins": bins, "max_score": max_score,
            "diagnoses": [{"code": k[0], "text": k[1], "count": n} for k, n in diag.most_common(10)],
            "mean": sum(r.score for r in results) / len(results) if results else 0}


def index_html(results: list[SubmissionResult], lang: str, title: Text) -> str:
    return _env().get_template("index.html.j2").render(
        results=results, lang=lang, ui=UI[lang], title=title, s=class_summary(results, lang),
        status_of=status_of, Status=Status)


def grades_csv(results: Iterable[SubmissionResult], canvas: bool = False) -> str:
    """One row per student; the Canvas variant uses its gradebook import columns."""
    results = list(results)
    ids = [c.id for c in results[0].checks] if results else []
    buf = io.StringIO()
    w = csv.writer(buf)
    if canvas:
        w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Assignment Score"])
        for r in results:
            w.writerow([r.student, "", r.student, r.student, "", f"{r.score:g}"])
        return buf.getvalue()
    w.writerow(["student", "score", "max_score", "status"] + ids)
    for r in results:
        w.writerow([r.student, f"{r.score:g}", f"{r.max_score:g}", status_of(r)] + [f"{c.score:g}" for c in r.checks])
    return buf.getvalue()


def write_student(result: SubmissionResult, folder: Path, lang: str) -> None:
    write_atomic(folder / f"{result.student}.html", student_html(result, lang))
    write_atomic(folder / f"{result.student}.json", student_json(result, lang))  # last: it marks "done"


def write_class(results: list[SubmissionResult], folder: Path, lang: str, title: Text) -> None:
    write_atomic(folder / "index.html", index_html(results, lang, title))
    write_atomic(folder / "grades.csv", grades_csv(results))
    write_atomic(folder / "grades_canvas.csv", grades_csv(results, canvas=True))
