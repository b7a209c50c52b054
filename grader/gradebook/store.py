"""The gradebook: one SQLite file that remembers every run, every student's result in it, and the TA's hand
adjustments.

Why SQLite and an append-only log: a dispute a month later needs what each run said, and a regrade at
midnight must be comparable with the run before it.  So nothing is updated in place: a run adds rows, an
adjustment adds a row, a revocation adds a row.  Each student's result is committed on its own as soon as
it is graded (WAL mode), so a run killed half-way leaves a consistent file with the students it finished;
the run itself is marked finished only at its end.  One grading run at a time holds ``course.db.lock``
(``flock``): a second waits for it, saying so.

The schema is versioned by ``PRAGMA user_version`` and only ever migrated forward (``MIGRATIONS``), so a
gradebook written by an older grader is brought up to date the first time a newer one opens it.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import sqlite3
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ..results import Adjustment, ClassRow, Late, SubmissionResult, from_dict

# Forward migrations: MIGRATIONS[k] takes a gradebook from user_version k to k + 1.
MIGRATIONS: tuple[str, ...] = (
    # 1: runs, what each run graded (with the whole result record, stored once per distinct record) and
    #    each student's line of the class (roster identity, lateness)
    """
    CREATE TABLE run (
        id INTEGER PRIMARY KEY,
        assignment TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,                       -- NULL: the run was stopped before its end
        grader_version TEXT NOT NULL,
        fingerprint TEXT NOT NULL,              -- hash of the checks, the config and the grader
        options TEXT NOT NULL                   -- JSON: the command line's options
    );
    CREATE TABLE record (
        sha TEXT PRIMARY KEY,                   -- sha256 of json
        json TEXT NOT NULL                      -- a SubmissionResult as NAME.json's "record"
    );
    CREATE TABLE graded (
        run_id INTEGER NOT NULL REFERENCES run(id),
        student TEXT NOT NULL,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,                   -- of the submitted file
        status TEXT NOT NULL,
        raw_score REAL NOT NULL,
        max_score REAL NOT NULL,
        reused INTEGER NOT NULL,                -- 1: the result of an earlier run, reused unchanged
        record_sha TEXT NOT NULL REFERENCES record(sha),
        PRIMARY KEY (run_id, student)
    );
    CREATE TABLE check_result (
        run_id INTEGER NOT NULL,
        student TEXT NOT NULL,
        check_id TEXT NOT NULL,
        status TEXT NOT NULL,
        points REAL NOT NULL,
        max_points REAL NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (run_id, student, check_id),
        FOREIGN KEY (run_id, student) REFERENCES graded(run_id, student)
    );
    CREATE TABLE class_row (
        run_id INTEGER NOT NULL REFERENCES run(id),
        position INTEGER NOT NULL,              -- the class's order (the roster's)
        student TEXT NOT NULL,
        student_id TEXT NOT NULL,
        name TEXT NOT NULL,
        lms TEXT NOT NULL,
        lms_id TEXT NOT NULL,
        on_roster INTEGER,                      -- NULL: no roster
        matched_by TEXT NOT NULL,
        status TEXT NOT NULL,                   -- as grades.csv: ok, load_error, ..., missing
        submitted_at TEXT NOT NULL,             -- ISO 8601 from the LMS, the worksheet or TIMES; '' unknown
        late TEXT,                              -- JSON of the Late record; NULL: no late policy
        PRIMARY KEY (run_id, student)
    );
    CREATE INDEX run_by_assignment ON run(assignment, id);
    """,
    # 2: hand adjustments and their revocations (a revocation is a row of its own: nothing is overwritten)
    """
    CREATE TABLE adjustment (
        id INTEGER PRIMARY KEY,
        assignment TEXT NOT NULL,
        student TEXT NOT NULL,
        check_id TEXT NOT NULL,                 -- '' : the whole score
        op TEXT NOT NULL CHECK (op IN ('add', 'set')),
        value REAL NOT NULL,
        reason TEXT NOT NULL,
        author TEXT NOT NULL,
        made_at TEXT NOT NULL,
        basis REAL NOT NULL                     -- the automatic points it was made against
    );
    CREATE TABLE revocation (
        adjustment_id INTEGER PRIMARY KEY REFERENCES adjustment(id),
        revoked_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        author TEXT NOT NULL
    );
    """,
)
VERSION = len(MIGRATIONS)


class GradebookError(Exception):
    """A gradebook that cannot be used (newer than this grader, not a gradebook): one line for the TA."""


def now() -> str:
    """UTC, to the microsecond, always in one format: the times compare as text (an adjustment made in the
    second a run ended must still fall after it)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def default_path(reports: Path) -> Path:
    """``course.db`` beside the reports folder: reports/neural_network -> reports/course.db, so that the
    course's assignments share one gradebook."""
    return reports.resolve().parent / "course.db"


def connect(path: Path) -> sqlite3.Connection:
    """Opens (creating) the gradebook and migrates it forward. Autocommit mode: every write says where its
    transaction starts and ends (``transaction``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    db.row_factory = sqlite3.Row
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        db.close()
        raise GradebookError(f"{path}: not a gradebook ({exc})") from None
    if version > VERSION:
        db.close()
        raise GradebookError(f"{path} was written by a newer grader (schema {version}, this grader knows "
                             f"{VERSION}): update the grader")
    if version < VERSION:
        with transaction(db):
            # re-read inside the write lock: another process may have migrated it meanwhile
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for k in range(version, VERSION):
                for statement in _statements(MIGRATIONS[k]):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={VERSION}")
    return db


def _statements(script: str) -> list[str]:
    """A migration's statements, run one by one inside the caller's transaction (executescript would
    commit it)."""
    plain = re.sub(r"--[^\n]*", "", script)   # the comments may hold any text, ";" included
    return [s.strip() for s in plain.split(";") if s.strip()]


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT: the write lock is taken at once, so two writers queue (busy timeout)
    instead of failing half-way."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@contextlib.contextmanager
def grading_lock(path: Path, quiet: bool = False) -> Iterator[None]:
    """One grading run per gradebook at a time: a second one waits, and says who it waits for."""
    lock = path.with_name(path.name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another run"
            print(f"waiting: another grading run ({holder}) is using {path}; this one starts when it ends",
                  file=sys.stderr)
            started = time.monotonic()
            fcntl.flock(handle, fcntl.LOCK_EX)
            if not quiet:
                print(f"... waited {time.monotonic() - started:.1f} s", file=sys.stderr)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {now()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


# ------------------------------------------------------------------------------------------------ writing

def begin_run(db: sqlite3.Connection, assignment: str, version: str, fingerprint: str,
              options: dict[str, Any]) -> int:
    with transaction(db):
        cur = db.execute("INSERT INTO run (assignment, started_at, grader_version, fingerprint, options) "
                         "VALUES (?, ?, ?, ?, ?)",
                         (assignment, now(), version, fingerprint, json.dumps(options, ensure_ascii=False,
                                                                               sort_keys=True)))
    return int(cur.lastrowid)


def record_result(db: sqlite3.Connection, run_id: int, result: SubmissionResult, lang: str, reused: bool) -> None:
    """One student's result, committed at once (a run killed later keeps it)."""
    record = json.dumps(asdict(result), ensure_ascii=False, sort_keys=True, default=str)
    sha = _sha(record)
    with transaction(db):
        db.execute("INSERT OR IGNORE INTO record (sha, json) VALUES (?, ?)", (sha, record))
        db.execute("INSERT OR REPLACE INTO graded (run_id, student, file, sha256, status, raw_score, max_score, "
                   "reused, record_sha) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (run_id, result.student, result.file, result.sha256, result.status, result.score,
                    result.max_score, int(reused), sha))
        db.execute("DELETE FROM check_result WHERE run_id = ? AND student = ?", (run_id, result.student))
        db.executemany("INSERT INTO check_result (run_id, student, check_id, status, points, max_points, message) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(run_id, result.student, c.id, str(c.status), c.score, c.max_score,
                         c.full_message.get(lang)) for c in result.checks])


def finish_run(db: sqlite3.Connection, run_id: int, rows: list[ClassRow]) -> None:
    """The class's lines (roster identity, lateness, the missing students) and the run marked finished, in
    one transaction."""
    with transaction(db):
        db.executemany(
            "INSERT OR REPLACE INTO class_row (run_id, position, student, student_id, name, lms, lms_id, on_roster, "
            "matched_by, status, submitted_at, late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(run_id, k, r.student, r.student_id, r.name, r.lms, r.lms_id,
              None if r.on_roster is None else int(r.on_roster), r.matched_by, r.status, r.submitted_at,
              json.dumps(asdict(r.late)) if r.late is not None else None) for k, r in enumerate(rows)])
        db.execute("UPDATE run SET finished_at = ? WHERE id = ?", (now(), run_id))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------------------------------------ runs

@dataclass(frozen=True)
class Run:
    id: int
    assignment: str
    started_at: str
    finished_at: str | None
    grader_version: str
    fingerprint: str
    options: dict[str, Any]


def _run(row: sqlite3.Row) -> Run:
    return Run(row["id"], row["assignment"], row["started_at"], row["finished_at"], row["grader_version"],
               row["fingerprint"], json.loads(row["options"]))


def runs(db: sqlite3.Connection, assignment: str | None = None, finished: bool = True) -> list[Run]:
    """Runs, oldest first; only those that reached their end unless ``finished`` is False."""
    sql = "SELECT * FROM run WHERE 1=1" + (" AND assignment = ?" if assignment else "") + \
          (" AND finished_at IS NOT NULL" if finished else "") + " ORDER BY id"
    return [_run(r) for r in db.execute(sql, (assignment,) if assignment else ())]


def run(db: sqlite3.Connection, run_id: int) -> Run | None:
    row = db.execute("SELECT * FROM run WHERE id = ?", (run_id,)).fetchone()
    return _run(row) if row is not None else None


def assignments(db: sqlite3.Connection) -> list[str]:
    """Every assignment with a finished run, in the order first graded."""
    return [r[0] for r in db.execute("SELECT assignment FROM run WHERE finished_at IS NOT NULL "
                                     "GROUP BY assignment ORDER BY MIN(id)")]


def checks_of(db: sqlite3.Connection, run_id: int) -> dict[str, dict[str, tuple[str, float]]]:
    """student -> check id -> (status, points) in one run."""
    out: dict[str, dict[str, tuple[str, float]]] = {}
    for r in db.execute("SELECT student, check_id, status, points FROM check_result WHERE run_id = ?", (run_id,)):
        out.setdefault(r["student"], {})[r["check_id"]] = (r["status"], r["points"])
    return out


def class_rows(db: sqlite3.Connection, run_id: int, as_of: str | None = None) -> list[ClassRow]:
    """A finished run's class with the adjustments in force now, or (``as_of``, an ISO time) those in
    force then: what the reports of that run showed."""
    the_run = run(db, run_id)
    if the_run is None:
        return []
    graded = {r["student"]: r for r in db.execute(
        "SELECT g.student, r.json FROM graded g JOIN record r ON r.sha = g.record_sha WHERE g.run_id = ?", (run_id,))}
    adjusted = adjustments(db, the_run.assignment, run_id, as_of=as_of)
    rows = []
    for r in db.execute("SELECT * FROM class_row WHERE run_id = ? ORDER BY position", (run_id,)):
        result = from_dict({"grader": {"record": json.loads(graded[r["student"]]["json"])}}) \
            if r["student"] in graded else None
        rows.append(ClassRow(
            student=r["student"], result=result,
            max_score=result.max_score if result is not None else _max_of(db, run_id),
            student_id=r["student_id"], name=r["name"], lms=r["lms"], lms_id=r["lms_id"],
            on_roster=None if r["on_roster"] is None else bool(r["on_roster"]), matched_by=r["matched_by"],
            submitted_at=r["submitted_at"],
            late=Late(**json.loads(r["late"])) if r["late"] else None,
            adjustments=tuple(adjusted.get(r["student"], ()))))
    return rows


def _max_of(db: sqlite3.Connection, run_id: int) -> float:
    row = db.execute("SELECT MAX(max_score) FROM graded WHERE run_id = ?", (run_id,)).fetchone()
    return float(row[0] or 0.0)


# ------------------------------------------------------------------------------------------------ adjustments

def add_adjustment(db: sqlite3.Connection, assignment: str, student: str, check: str, op: str, value: float,
                   reason: str, author: str, basis: float) -> int:
    with transaction(db):
        cur = db.execute("INSERT INTO adjustment (assignment, student, check_id, op, value, reason, author, made_at, "
                         "basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (assignment, student, check, op, value, reason, author, now(), basis))
    return int(cur.lastrowid)


def revoke(db: sqlite3.Connection, ids: list[int], reason: str, author: str) -> None:
    with transaction(db):
        db.executemany("INSERT INTO revocation (adjustment_id, revoked_at, reason, author) VALUES (?, ?, ?, ?)",
                       [(i, now(), reason, author) for i in ids])


def adjustments(db: sqlite3.Connection, assignment: str, run_id: int | None = None,
                automatic: dict[str, dict[str, tuple[str, float]]] | None = None,
                raw: dict[str, float] | None = None, as_of: str | None = None) -> dict[str, list[Adjustment]]:
    """student -> the adjustments in force (not revoked), oldest first, each marked stale when the automatic
    result it was made against has changed: in run ``run_id``'s results, or in ``automatic`` / ``raw``
    (a run in progress)."""
    if run_id is not None and automatic is None:
        automatic = checks_of(db, run_id)
        raw = {r["student"]: r["raw_score"] for r in db.execute(
            "SELECT student, raw_score FROM graded WHERE run_id = ?", (run_id,))}
    out: dict[str, list[Adjustment]] = {}
    when = as_of or "9999"   # ISO 8601 times in UTC compare as text
    for r in db.execute("SELECT a.* FROM adjustment a LEFT JOIN revocation v ON v.adjustment_id = a.id "
                        "AND v.revoked_at <= ? WHERE a.assignment = ? AND a.made_at <= ? AND v.adjustment_id IS NULL "
                        "ORDER BY a.id", (when, assignment, when)):
        now_points = _automatic(r["student"], r["check_id"], automatic, raw)
        stale = now_points is not None and abs(now_points - r["basis"]) > 1e-6
        if r["check_id"] and automatic is not None and r["student"] in automatic \
                and r["check_id"] not in automatic[r["student"]]:
            stale = True   # the check is gone from the assignment
        out.setdefault(r["student"], []).append(Adjustment(
            id=r["id"], check=r["check_id"], op=r["op"], value=r["value"], reason=r["reason"], author=r["author"],
            made_at=r["made_at"], basis=r["basis"], stale=stale))
    return out


def _automatic(student: str, check: str, automatic, raw) -> float | None:
    if check:
        got = (automatic or {}).get(student, {}).get(check)
        return got[1] if got is not None else None
    return (raw or {}).get(student)


def all_adjustments(db: sqlite3.Connection, assignment: str, student: str) -> list[dict[str, Any]]:
    """Every adjustment ever made for a student, revoked ones included (for history)."""
    return [dict(r) for r in db.execute(
        "SELECT a.*, v.revoked_at, v.reason AS revoked_reason FROM adjustment a "
        "LEFT JOIN revocation v ON v.adjustment_id = a.id WHERE a.assignment = ? AND a.student = ? ORDER BY a.id",
        (assignment, student))]
