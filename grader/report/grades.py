"""The class's grades as CSV: ``grades.csv`` (every student: roster identity, score after the late policy,
the score earned, lateness, status, points per check) and each LMS's gradebook import file
(``grades_canvas.csv``, ``grades_moodle.csv``, ``grades_blackboard.csv``), written for a class that came
from that LMS or on request."""
from __future__ import annotations

import csv
import io
from typing import Iterable, Mapping

from ..results import Change, ClassRow, SubmissionResult, Text, rows_of
from .words import points

LMS_FILES = {"canvas": "grades_canvas.csv", "moodle": "grades_moodle.csv", "blackboard": "grades_blackboard.csv"}
COLUMNS = ["student_id", "name", "student", "score", "max_score", "raw_score", "adjustment", "late_days", "penalty",
           "status", "on_roster"]


def grades_csv(items: Iterable[ClassRow | SubmissionResult], canvas: bool = False, title: Text | None = None,
               lang: str = "en", lms: str = "") -> str:
    """One row per student, in the class's order (the roster's when there is one).

    ``score`` is what the student gets: the points the checks gave (``raw_score``) less the late policy's
    ``penalty``; a roster student with nothing submitted is ``missing`` with 0.  ``lms`` (or ``canvas``)
    writes that LMS's import format instead.
    """
    rows = rows_of(items)
    lms = "canvas" if canvas else lms
    if lms:
        return _LMS[lms](rows, title or _title(rows), lang)
    ids = next((list(c.id for c in r.result.checks) for r in rows if r.result is not None), [])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS + ids)
    for r in rows:
        scored = {c.id: c.score for c in r.result.checks} if r.result is not None else {}
        w.writerow([r.student_id, r.name, r.student, points(r.score), points(r.max_score), points(r.raw_score),
                    points(r.adjustment) if r.adjustments else "", r.late.days if r.late is not None else "", points(round(r.penalty, 2)) if r.late is not None else "",
                    r.status, "" if r.on_roster is None else "yes" if r.on_roster else "no"]
                   + [points(scored[i]) if i in scored else "" for i in ids])
    return buf.getvalue()


def changes_csv(rows: Iterable[ClassRow], changed: Mapping[str, Change]) -> str:
    """The students a run changed against the run before it (``changed``, by student; one who is no longer
    in the class included): scores before and after, and the checks whose result moved."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["student", "student_id", "name", "before", "after", "checks"])
    known = {r.student: r for r in rows}
    for student in [r.student for r in known.values() if r.student in changed] + sorted(set(changed) - set(known)):
        c, r = changed[student], known.get(student)
        w.writerow([student, r.student_id if r else "", r.name if r else "",
                    "" if c.before is None else points(c.before), "" if c.after is None else points(c.after),
                    " ".join(c.checks)])
    return buf.getvalue()


def _title(rows: list[ClassRow]) -> Text:
    return next((r.result.assignment_title for r in rows if r.result is not None), Text("Assignment", "과제"))


def _max(rows: list[ClassRow]) -> float:
    return rows[0].max_score if rows else 0


def _canvas(rows: list[ClassRow], title: Text, lang: str) -> str:
    """Canvas's gradebook import: the identity columns it expects (Student, ID, SIS User ID, SIS Login ID,
    Section), a "Points Possible" row, one column named after the assignment. Canvas matches a row on its
    user id (ID), which a Canvas download's file names carry; without one, the student's id or name goes in
    the SIS columns."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title.get(lang)])
    w.writerow(["Points Possible", "", "", "", "", points(_max(rows))])
    for r in rows:
        who = r.name or r.student
        sis = r.student_id or r.student
        w.writerow([who, r.lms_id, "", "", "", points(r.score)] if r.lms_id else [who, "", sis, sis, "", points(r.score)])
    return buf.getvalue()


def _moodle(rows: list[ClassRow], title: Text, lang: str) -> str:
    """The columns of Moodle's offline grading worksheet that identify and grade (Identifier is "Participant"
    and the participant id the download's folder names carry); filling in the worksheet Moodle itself wrote
    is ``make export``'s job."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Identifier", "Full name", "Grade", "Maximum grade"])
    for r in rows:
        w.writerow([f"Participant {r.lms_id}" if r.lms_id else "", r.name or r.student, points(r.score),
                    points(r.max_score)])
    return buf.getvalue()


def _blackboard(rows: list[ClassRow], title: Text, lang: str) -> str:
    """Blackboard Grade Center's upload shape: Username and a column named "<title> [Total Pts: N Score]"
    (the column id Blackboard wants after "|" is the TA's to add: it is in the downloaded Grade Center)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Username", f"{title.get(lang)} [Total Pts: {points(_max(rows))} Score]"])
    for r in rows:
        w.writerow([r.lms_id or r.student, points(r.score)])
    return buf.getvalue()


_LMS = {"canvas": _canvas, "moodle": _moodle, "blackboard": _blackboard}
