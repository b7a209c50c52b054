"""grade(assignment, submission) -> SubmissionResult: the whole pipeline for one student, on one screen.

submission file -> extract (py or ipynb) -> sandboxed module -> hidden checks -> scoring -> result.
Every problem of the submission is data in its result; only a fault of the grader raises.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

from . import __version__, scoring
from .assignment import Assignment
from .discover import Submission
from .feedback.faults import NotGradable, StudentError
from .feedback.source import ExtractError, Source, extract
from .feedback.wording import DEFS_ONLY, NO_FILE, load_problem, load_warning
from .results import SubmissionResult, Text
from .runner import run_checks
from .sandbox import StudentModule


def grade(assignment: Assignment, submission: Submission) -> SubmissionResult:
    started = time.monotonic()
    common = dict(student=submission.student, assignment=assignment.name,
                  assignment_title=Text(assignment.title, assignment.title_ko),
                  graded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                  concepts={c.id: Text(c.name, c.name_ko) for c in assignment.concepts},
                  lecture={c.id: Text(c.lecture, c.lecture_ko) for c in assignment.concepts},
                  grader_version=__version__, lms_id=submission.lms_id)

    def unloadable(reason: Text, file: str = "", sha: str = "", **extra) -> SubmissionResult:
        return SubmissionResult(**common, file=file, sha256=sha, gradable=False, problem=reason,
                                checks=scoring.not_gradable(assignment, reason),
                                seconds=round(time.monotonic() - started, 3), **extra)

    if submission.path is None:
        return unloadable(submission.problem or NO_FILE)
    try:
        source = extract(submission.path)
    except ExtractError as exc:
        return unloadable(exc.text, submission.path.name, exc.sha256)
    module = StudentModule(source.text, source.filename, assignment.limits, assignment.load_timeout,
                           assignment.required)
    try:
        try:
            report = module.load()
        except NotGradable as exc:
            return unloadable(load_problem(exc, source), source.filename, source.sha256,
                              output=exc.fault.output if exc.fault is not None else "",
                              protections=module.protections, source_excerpts=_excerpts(source, exc.fault))
        outcomes = run_checks(assignment.hidden, module, source, assignment.params)
    finally:
        module.close()
    warnings = (DEFS_ONLY,) if report.mode == "defs" else ()
    # two statements on one line that fail alike (x = missing; y = missing) make one note, as in check.py
    warnings += tuple(dict.fromkeys(load_warning(w, source) for w in report.warnings))
    checks = scoring.score(assignment, outcomes)
    return SubmissionResult(**common, file=source.filename, sha256=source.sha256, gradable=True, problem=None,
                            checks=checks, output=module.output, load_warnings=warnings,
                            protections=module.protections, source_excerpts=_excerpts(source, None, checks),
                            seconds=round(time.monotonic() - started, 3))


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
        rows = [[i, source.locate(i), lines[i - 1], *source.cell_of(i)] for i in range(lo, hi + 1)]
        named = {row[3] for row in rows if row[3] is not None}
        out[str(n)] = {"where": source.locate(n), "where_ko": source.locate_ko(n), "lines": rows,
                       "cells": {str(c): {"en": source.cell_label(c).en, "ko": source.cell_label(c).ko} for c in named}}
    return out
