"""Results into files: ``NAME.json`` and ``NAME.html`` per student; ``index.html``, ``grades.csv`` and the
LMS's gradebook file (``grades_canvas.csv``, ...) for the class.

Everything here reads ``SubmissionResult`` records (``grader/results.py``) and nothing else: never the
config, the submission or the sandbox.

    student.py    a student's page (and NAME.json)        overview.py   the class overview
    grades.py     the CSV gradebooks                       files.py      writing files atomically
    svg.py        the pictures' geometry                   arrays.py     arrays as tables, shapes as boxes
    words.py      the pages' words, numbers, times, protections        render.py  the jinja2 environment
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from ..results import Adjustment, Change, ClassRow, Late, SubmissionResult, Text, rows_of
from .files import write_atomic
from .grades import LMS_FILES, changes_csv, grades_csv
from .overview import index_html
from .student import page_state, student_html, student_json

__all__ = ["LMS_FILES", "changes_csv", "grades_csv", "index_html", "page_state", "student_html", "student_json",
           "write_atomic", "write_class", "write_student"]


def write_student(result: SubmissionResult, folder: Path, lang: str, fingerprint: str = "",
                  late: Late | None = None, adjustments: Sequence[Adjustment] = ()) -> None:
    write_atomic(folder / f"{result.student}.html", student_html(result, lang, late, adjustments))
    # the JSON last: a run that resumes takes its presence to mean the student is done
    write_atomic(folder / f"{result.student}.json", student_json(result, lang, fingerprint, late, adjustments))


def write_class(rows: list[ClassRow | SubmissionResult], folder: Path, lang: str, title: Text,
                skipped: Sequence[Text] = (), attention: Sequence[Text] = (), lms: Sequence[str] = (),
                changed: Mapping[str, Change] | None = None) -> list[str]:
    """index.html, grades.csv, changes.csv (when there was a run before to compare with) and the gradebook
    file of each LMS in ``lms``; returns the gradebooks' names."""
    books = ["grades.csv"] + [LMS_FILES[name] for name in lms]
    # With a byte-order mark, so that Excel (a Korean one included) opens the names as UTF-8.
    write_atomic(folder / "grades.csv", "\ufeff" + grades_csv(rows, title=title))
    if changed is not None:
        write_atomic(folder / "changes.csv", "\ufeff" + changes_csv(rows_of(rows), changed))
        books.append("changes.csv")
    for name in lms:
        write_atomic(folder / LMS_FILES[name], "\ufeff" + grades_csv(rows, title=title, lang=lang, lms=name))
    write_atomic(folder / "index.html", index_html(rows, lang, title, skipped, attention, books))
    return books
