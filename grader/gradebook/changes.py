"""What a run changed: each student's score and checks against another run of the same assignment.

Both runs are read with the adjustments in force now, so a change is what the checks (or the late policy)
did, never an adjustment made between them: a TA who fixed a check sees exactly whose result it moved.
"""
from __future__ import annotations

import sqlite3

from ..results import Change, ClassRow
from . import store


def between(db: sqlite3.Connection, before_id: int | None, after_id: int) -> dict[str, Change]:
    """student -> Change, for every student whose score, status or any check's status or points differ
    (a student in only one of the runs included)."""
    after_rows = {r.student: r for r in store.class_rows(db, after_id)}
    if before_id is None:
        return {}
    before_rows = {r.student: r for r in store.class_rows(db, before_id)}
    before_checks, after_checks = store.checks_of(db, before_id), store.checks_of(db, after_id)
    out: dict[str, Change] = {}
    for student in list(before_rows) + [s for s in after_rows if s not in before_rows]:
        a, b = before_rows.get(student), after_rows.get(student)
        if a is None or b is None:
            out[student] = Change(_score(a), _score(b), ())
            continue
        old, new = before_checks.get(student, {}), after_checks.get(student, {})
        moved = tuple(c for c in dict.fromkeys([*old, *new])
                      if old.get(c) is None or new.get(c) is None or old[c][0] != new[c][0]
                      or abs(old[c][1] - new[c][1]) > 1e-6)
        if moved or a.status != b.status or abs(a.score - b.score) > 1e-6:
            out[student] = Change(a.score, b.score, moved)
    return out


def _score(row: ClassRow | None) -> float | None:
    return row.score if row is not None else None


def previous_run(db: sqlite3.Connection, assignment: str, run_id: int) -> int | None:
    """The finished run of the assignment just before ``run_id``."""
    row = db.execute("SELECT MAX(id) FROM run WHERE assignment = ? AND id < ? AND finished_at IS NOT NULL",
                     (assignment, run_id)).fetchone()
    return row[0] if row and row[0] is not None else None
