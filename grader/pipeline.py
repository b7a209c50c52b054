"""grade(assignment, submission) -> SubmissionResult: the whole pipeline for one student, on one screen.

submission file -> extract (py or ipynb) -> sandboxed module -> hidden checks -> scoring -> result.
Every problem of the submission is data in its result; only a fault of the grader raises.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

from . import __version__, scoring
from .assignment import Assignment
from .discover import Submission
from .extract import ExtractError, Source, extract
from .proxy import NotGradable, StudentModule
from .results import SubmissionResult, Text
from .runner import describe_fault, run_checks
from .sandbox import StudentError


def grade(assignment: Assignment, submission: Submission) -> SubmissionResult:
    started = time.monotonic()
    common = dict(student=submission.student, assignment=assignment.name,
                  assignment_title=Text(assignment.title, assignment.title_ko),
                  graded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                  concepts={c.id: Text(c.name, c.name_ko) for c in assignment.concepts},
                  lecture={c.id: Text(c.lecture, c.lecture_ko) for c in assignment.concepts},
                  grader_version=__version__, lms_id=submission.lms_id)

    def unloadable(reason: Text, file: str = "", sha: str = "", **extra) -> SubmissionResult:
        reason = Text("Not gradable: ", "채점 불가: ") + reason
        return SubmissionResult(**common, file=file, sha256=sha, gradable=False, problem=reason,
                                checks=scoring.not_gradable(assignment, reason),
                                seconds=round(time.monotonic() - started, 3), **extra)

    if submission.path is None:
        return unloadable(submission.problem or Text("no file", "제출 파일이 없습니다"))
    try:
        source = extract(submission.path)
    except ExtractError as exc:
        return unloadable(Text(exc.en, exc.ko), submission.path.name, exc.sha256)
    module = StudentModule(source.text, source.filename, assignment.limits, assignment.load_timeout,
                           assignment.required)
    try:
        try:
            report = module.load()
        except NotGradable as exc:
            return unloadable(_load_problem(exc, source), source.filename, source.sha256,
                              output=_output(exc.fault), protections=module.protections,
                              source_excerpts=_excerpts(source, exc.fault))
        outcomes = run_checks(assignment.hidden, module, source, assignment.params)
    finally:
        module.close()
    warnings = tuple(_warning(w, source) for w in report.warnings)
    if report.mode == "defs":
        warnings = (Text("Running the whole file took too long, so only its imports, functions and classes were "
                         "loaded. Keep test code under `if __name__ == \"__main__\":`.",
                         "파일 전체를 실행하는 데 너무 오래 걸려 import, 함수, 클래스 정의만 불러왔습니다. 테스트 코드는 "
                         "`if __name__ == \"__main__\":` 아래에 두세요."),) + warnings
    checks = scoring.score(assignment, outcomes)
    return SubmissionResult(**common, file=source.filename, sha256=source.sha256, gradable=True, problem=None,
                            checks=checks, output=module.output, load_warnings=warnings,
                            protections=module.protections, source_excerpts=_excerpts(source, None, checks),
                            seconds=round(time.monotonic() - started, 3))


def _output(fault) -> str:
    return getattr(fault, "output", "") or ""


def _load_problem(exc: NotGradable, source: Source) -> Text:
    fault = exc.fault
    if isinstance(fault, StudentError) and fault.type_name in ("SyntaxError", "IndentationError", "TabError"):
        where = source.locate(fault.line or 0)
        where_ko = source.locate_ko(fault.line or 0)
        return Text(f"The file has a {fault.type_name} at {where}: {fault.message}. "
                    "Python could not read the file, so none of it could be run.",
                    f"{where_ko}에 {fault.type_name}가 있습니다: {fault.message}. "
                    "파이썬이 파일을 읽지 못해 어떤 코드도 실행할 수 없었습니다.")
    if fault is not None:
        text, _, _ = describe_fault(fault, source)
        return Text("Loading the file failed. ", "파일을 불러오지 못했습니다. ") + text
    return Text(f"{exc.reason[0].upper()}{exc.reason[1:]}. Names must be exactly as in the specification.",
                f"파일에 {exc.reason.replace('the file does not define ', '')}이(가) 정의되어 있지 않습니다. "
                "이름은 명세와 똑같아야 합니다.")


def _warning(w: dict, source: Source) -> Text:
    line = w.get("line") or 0
    return Text(f"At {source.locate(line)}, top-level code raised {w.get('type')}: {w.get('message')} "
                "(grading went on without it).",
                f"{source.locate_ko(line)}의 최상위 코드에서 {w.get('type')} 예외가 발생했습니다: {w.get('message')} "
                "(이 줄을 건너뛰고 채점했습니다).")


def _excerpts(source: Source, fault, checks=()) -> dict:
    """The student's own lines around every line a traceback names, for the report."""
    lines = source.text.splitlines()
    wanted: set[int] = set()
    if isinstance(fault, StudentError):
        wanted.update(f["line"] for f in fault.frames)
        if fault.line:
            wanted.add(fault.line)
    for c in checks:
        wanted.update(f["line"] for f in c.details.get("traceback", []))
    out = {}
    for n in sorted(wanted):
        lo, hi = max(1, n - 2), min(len(lines), n + 2)
        out[str(n)] = {"where": source.locate(n), "where_ko": source.locate_ko(n),
                       "lines": [[i, source.locate(i), lines[i - 1], *source.cell_of(i)] for i in range(lo, hi + 1)]}
    return out
