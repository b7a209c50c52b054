"""The course page: every student against every assignment in the gradebook (``make book``).

A student is one line across assignments by their student id when a roster gave one, else by the name
their reports are filed under.  Each cell is the score the student gets (adjustments and late policy
applied); a roster student with nothing submitted is marked missing, an assignment a student is not in
at all is blank.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from ..results import ClassRow
from .files import write_atomic
from .render import render
from .words import UI, points


def _key(row: ClassRow) -> str:
    return row.student_id or row.student


def book_table(columns: Sequence[tuple[str, list[ClassRow]]]) -> tuple[list[str], list[dict]]:
    """(assignments, lines): a line per student in first-seen order, with a cell per assignment."""
    lines: dict[str, dict] = {}
    for name, rows in columns:
        for r in rows:
            line = lines.setdefault(_key(r), {"student_id": r.student_id, "name": r.name or r.student,
                                              "student": r.student, "cells": {}})
            line["cells"][name] = r
    names = [n for n, _ in columns]
    maxima = {n: (rows[0].max_score if rows else 0.0) for n, rows in columns}
    for line in lines.values():
        line["total"] = round(sum(r.score for r in line["cells"].values()), 6)
        line["missing"] = [n for n in names if n not in line["cells"] or line["cells"][n].status == "missing"]
    total_max = sum(maxima.values())
    for line in lines.values():
        line["total_max"] = total_max
    return names, list(lines.values())


def book_csv(columns: Sequence[tuple[str, list[ClassRow]]]) -> str:
    names, lines = book_table(columns)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["student_id", "name", "student", *names, "total", "total_max", "missing"])
    for line in lines:
        w.writerow([line["student_id"], line["name"], line["student"],
                    *[points(line["cells"][n].score) if n in line["cells"] else "" for n in names],
                    points(line["total"]), points(line["total_max"]), " ".join(line["missing"])])
    return buf.getvalue()


def write_book(columns: Sequence[tuple[str, list[ClassRow]]], folder: Path, lang: str = "ko") -> str:
    names, lines = book_table(columns)
    view = {"lang": lang, "ui": UI[lang], "assignments": names,
            "titles": {n: (next((r.result.assignment_title.get(lang) for r in rows if r.result is not None), n))
                       for n, rows in columns},
            "maxima": {n: (rows[0].max_score if rows else 0.0) for n, rows in columns},
            "lines": [{**line, "cells": {n: {"score": c.score, "status": c.status, "late": bool(c.late and c.late.days),
                                             "adjusted": bool(c.adjustments)}
                                         for n, c in line["cells"].items()}} for line in lines]}
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "book.html", render("book.html.j2", view))
    write_atomic(folder / "book.csv", "\ufeff" + book_csv(columns))
    return f"{folder / 'book.html'} and {folder / 'book.csv'}: {len(lines)} students, {len(names)} assignments"
