"""The class around the submissions: who is on the roster, when each one submitted, what the late policy
deducts, and what a TA must be told.

The grading pipeline judges files; this module turns its results into the class's rows
(``results.ClassRow``): every roster student once, in roster order (a student with nothing submitted is
``missing``), then the submissions that match nobody on the roster.  Lateness is worked out here on every
run from the times and the policy, never stored in a score, so a changed due date or extension is exact
at once and needs no check to run again.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from . import late as late_mod
from .discover import Submission
from .intake.roster import Person, Row, match, problems
from .late import LatePolicy
from .results import Adjustment, ClassRow, Late, SubmissionResult, Text, adjusted_score, automatic_points


@dataclass(frozen=True)
class Intake:
    """What the run was told about the class besides the files."""

    people: list[Person] | None = None                         # the roster, when one was given
    worksheet: dict[str, datetime] = field(default_factory=dict)  # Moodle participant id -> submitted at
    times: dict[str, datetime] = field(default_factory=dict)      # student, name or LMS id -> submitted at
    policy: LatePolicy | None = None


def rows_for(subs: list[Submission], intake: Intake) -> tuple[list[Row], list[Text]]:
    """The class's lines before grading: matched against the roster when there is one; and what the
    matching could not settle (submissions on nobody's roster line, ambiguous names, duplicates)."""
    if intake.people is None:
        return [Row(None, s, "") for s in subs], []
    rows = match(intake.people, subs)
    return rows, problems(rows)


def submitted(sub: Submission, intake: Intake) -> tuple[datetime | None, str]:
    """When the submission came in, and where that is known from: the Moodle worksheet, the Blackboard
    attempt in the file name, the TIMES file; else nothing (a Canvas late flag is handled by the policy)."""
    if sub.lms == "moodle" and sub.lms_id in intake.worksheet:
        return intake.worksheet[sub.lms_id], "worksheet"
    if sub.submitted_at is not None:
        return sub.submitted_at, sub.lms or "times"
    for key in (sub.student, sub.name, sub.lms_id):
        if key and key in intake.times:
            return intake.times[key], "times"
    if sub.late_flag:
        return None, "canvas_flag"
    return None, "none"


def late_rule(row: Row, intake: Intake) -> Callable[[float], Late] | None:
    """For a row with a submission under a late policy, what lateness costs a given earned score (the
    automatic one with the TA's adjustments); None without a policy or a submission.  The due time (with
    the roster's extension) is settled here, before grading, so a bad extension stops the run before any
    work is done."""
    if intake.policy is None or row.submission is None:
        return None
    policy = intake.policy
    due = late_mod.due_for(policy, row.person.extension if row.person is not None else "")
    at, source = submitted(row.submission, intake)
    found = late_mod.lateness(policy, due, at, row.submission.late_flag, source)

    def cost(earned: float) -> Late:
        return late_mod.record(found, policy, earned)
    return cost


def class_rows(rows: list[Row], results: dict[str, SubmissionResult], rules: dict[str, Callable | None],
               max_score: float, roster: bool,
               adjustments: dict[str, list[Adjustment]] | None = None,
               intake: Intake | None = None) -> list[ClassRow]:
    adjustments = adjustments or {}
    out = []
    for row in rows:
        sub, person = row.submission, row.person
        result = results.get(sub.student) if sub is not None else None
        rule = rules.get(sub.student) if sub is not None else None
        notes = tuple(Text(f"{d.student}: set aside, {sub.student if sub else ''} is graded",
                           f"{d.student}: 채점하지 않았습니다 ({sub.student if sub else ''}의 제출물을 채점)")
                      for d in row.dropped)
        student = sub.student if sub is not None else (person.student_id or person.name)
        adjusted = tuple(adjustments.get(student, ()))
        earned = adjusted_score(result.checks, adjusted) if result is not None else 0.0
        when = submitted(sub, intake)[0] if sub is not None and intake is not None else None
        out.append(ClassRow(
            student=student, result=result, max_score=max_score, adjustments=adjusted,
            submitted_at=when.isoformat() if when is not None else "",
            student_id=person.student_id if person is not None else "",
            name=(person.name if person is not None else "") or (sub.name if sub is not None else ""),
            lms=sub.lms if sub is not None else "",
            lms_id=(sub.lms_id if sub is not None else "") or (person.lms_id if person is not None else ""),
            on_roster=(person is not None) if roster else None, matched_by=row.how,
            late=rule(earned) if rule is not None and result is not None else None, notes=notes))
    return out


def stale_adjustments(rows: list[ClassRow]) -> list[Text]:
    """One line per hand adjustment whose automatic result has changed since it was made (a check fixed, a
    file resubmitted): it still applies, but a TA should look at it again."""
    notes = []
    for r in rows:
        for adj in r.adjustments:
            if adj.stale:
                now = automatic_points(r.result, adj.check) or 0.0
                notes.append(Text(
                    f"{r.student}: the adjustment {adj.label} on {adj.check or 'the score'} ({adj.reason}) was made "
                    f"when it stood at {adj.basis:g}; the checks now give {now:g}: please look again",
                    f"{r.student}: {adj.check or '총점'}에 대한 수동 조정 {adj.label}({adj.reason})은 자동 채점 결과가 "
                    f"{adj.basis:g}점일 때 한 것인데, 지금은 {now:g}점입니다. 다시 확인해 주세요"))
    return notes


def move_stale(reports: Path, current: set[str]) -> list[Text]:
    """Moves the reports of students no longer among the submissions into ``_stale/`` (a file renamed or a
    student who withdrew must not keep a page beside the class's), and names them."""
    notes = []
    for path in sorted(reports.glob("*.json")):
        student = path.stem
        if student in current:
            continue
        aside = reports / "_stale"
        aside.mkdir(exist_ok=True)
        for part in (path.with_suffix(".html"), path):
            if part.is_file():
                shutil.move(str(part), str(aside / part.name))
        notes.append(Text(f"{student}: a report from an earlier run for a submission that is no longer there, "
                          f"moved to _stale/",
                          f"{student}: 이전 실행에서 만든 보고서인데 지금은 그 제출물이 없어 _stale/ 폴더로 옮겼습니다"))
    return notes


def summary(rows: list[ClassRow], graded: int, reused: int) -> str:
    """The run in one line whose counts add up: the submissions by how they were handled, then by status;
    with a roster, its students by whether they submitted; the late ones."""
    subs = [r for r in rows if r.result is not None]
    status = {s: sum(1 for r in subs if r.status == s) for s in ("ok", "load_error", "timeout", "crash", "grader")}
    parts = [f"{len(subs)} submissions: {graded} graded, {reused} reused",
             f"{status['ok']} ok, {status['load_error']} not gradable, {status['timeout']} timed out, "
             f"{status['crash']} crashed, {status['grader']} grader faults"]
    if any(r.on_roster is not None for r in rows):
        on = [r for r in rows if r.on_roster]
        parts.append(f"roster {len(on)}: {sum(1 for r in on if r.result is not None)} submitted, "
                     f"{sum(1 for r in on if r.result is None)} missing; "
                     f"{sum(1 for r in rows if r.on_roster is False)} not on the roster")
    if any(r.late is not None for r in rows):
        parts.append(f"{sum(1 for r in rows if r.late is not None and r.late.days > 0)} late")
    scores = [r.score for r in rows]
    mean = sum(scores) / len(scores) if scores else 0.0
    return "; ".join(parts) + f"; mean score {mean:.2f} / {rows[0].max_score if rows else 0:g}"
