"""The class's grades as CSV: ``grades.csv`` (score, maximum, status and points per check) and
``grades_canvas.csv`` (Canvas's gradebook import)."""
from __future__ import annotations

import csv
import io
from typing import Iterable

from ..results import SubmissionResult, Text
from .words import points


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
        w.writerow(["Points Possible", "", "", "", "", points(results[0].max_score) if results else ""])
        for r in results:  # Canvas matches its own user id when the export's file names gave one
            w.writerow([r.student, r.lms_id, "", "", "", points(r.score)] if r.lms_id else
                       [r.student, "", r.student, r.student, "", points(r.score)])
        return buf.getvalue()
    w.writerow(["student", "score", "max_score", "status"] + ids)
    for r in results:
        scored = {c.id: c.score for c in r.checks}
        w.writerow([r.student, points(r.score), points(r.max_score), r.status]
                   + [points(scored[i]) if i in scored else "" for i in ids])
    return buf.getvalue()
