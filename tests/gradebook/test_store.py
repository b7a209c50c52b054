"""The gradebook file under real use: migrated forward from an older schema, refused when newer or not a
gradebook, consistent after a run killed with SIGKILL (the students finished are recorded, the rest graded
next time), and after two grading runs started at once."""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys

import pytest

from gradebook_helpers import assignment_fixture, grader, klass_fixture  # noqa: F401  (fixtures)
from grader.gradebook import store
from helpers import ROOT, wait_for


def test_a_gradebook_of_the_first_schema_is_migrated_and_keeps_its_runs(tmp_path):
    path = tmp_path / "course.db"
    with sqlite3.connect(path) as old:   # what the first version of the grader wrote
        old.executescript(store.MIGRATIONS[0])
        old.execute("INSERT INTO run (assignment, started_at, finished_at, grader_version, fingerprint, options) "
                    "VALUES ('neural_network', '2026-11-30T10:00:00+00:00', '2026-11-30T10:01:00+00:00', '0.0.9', "
                    "'abc', '{}')")
        old.execute("PRAGMA user_version=1")
    db = store.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.VERSION == len(store.MIGRATIONS)
    assert [r.grader_version for r in store.runs(db, "neural_network")] == ["0.0.9"]
    new_id = store.add_adjustment(db, "neural_network", "kim", "", "add", 1, "why", "ta", 0)   # the new table works
    assert store.adjustments(db, "neural_network")["kim"][0].id == new_id
    db.close()


def test_a_newer_gradebook_or_another_file_is_refused_with_one_line(tmp_path):
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA user_version={store.VERSION + 1}")
    with pytest.raises(store.GradebookError, match="newer grader"):
        store.connect(newer)
    other = tmp_path / "notes.db"
    other.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(store.GradebookError, match="not a gradebook"):
        store.connect(other)


def _graded(path) -> int:
    try:
        with sqlite3.connect(path, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM graded").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_run_killed_half_way_leaves_a_consistent_gradebook_and_the_next_run_goes_on(klass, assignment, tmp_path):
    for k in range(4):   # a class long enough to be stopped in the middle
        (klass / f"extra{k}.py").write_bytes((klass / "kim.py").read_bytes() + f"\n# {k}\n".encode())
    reports, book = tmp_path / "reports", tmp_path / "course.db"
    args = [sys.executable, "-m", "grader", "--assignment", str(assignment), "--submissions", str(klass),
            "--reports", str(reports), "--jobs", "1", "--quiet"]
    p = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert wait_for(lambda: _graded(book) >= 2, 120)
    finally:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    with sqlite3.connect(book) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        recorded = db.execute("SELECT COUNT(*) FROM graded").fetchone()[0]
        assert 2 <= recorded < 8
        assert db.execute("SELECT finished_at FROM run").fetchall() == [(None,)]   # not marked finished
        assert db.execute("SELECT COUNT(*) FROM check_result").fetchone()[0] == 11 * recorded
    again = grader("--assignment", str(assignment), "--submissions", str(klass), "--reports", str(reports), "--quiet")
    graded, reused = (int(x) for x in re.search(r"8 submissions: (\d+) graded, (\d+) reused", again.stdout).groups())
    assert reused >= recorded and graded + reused == 8
    assert "first run of neural_network" in again.stdout   # the killed run never finished
    with sqlite3.connect(book) as db:
        assert db.execute("SELECT COUNT(*) FROM run WHERE finished_at IS NOT NULL").fetchone()[0] == 1


def test_two_runs_at_once_wait_for_each_other(klass, assignment, tmp_path):
    """Two runs started while a third holds the gradebook (this test, holding the lock as a run does): both
    say whom they wait for, and once it ends they run one after the other, never both at once. The test
    holds the lock itself so that the two runs always meet it, however fast or slow the machine is."""
    import fcntl

    book = tmp_path / "course.db"
    logs = [tmp_path / "a.err", tmp_path / "b.err"]

    def start(name: str, log) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "grader", "--assignment", str(assignment), "--submissions",
                                 str(klass), "--reports", str(tmp_path / name), "--gradebook", str(book), "--quiet"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, text=True)

    with open(book.with_name(book.name + ".lock"), "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write(f"pid {os.getpid()}, started now")
        held.flush()
        with open(logs[0], "w") as ea, open(logs[1], "w") as eb:
            first, second = start("a", ea), start("b", eb)
            try:
                assert wait_for(lambda: all(f"waiting: another grading run (pid {os.getpid()}" in log.read_text()
                                            for log in logs), 120)
            finally:
                held.seek(0)
                held.truncate()
                fcntl.flock(held, fcntl.LOCK_UN)
            codes = [p.wait(timeout=300) for p in (first, second)]
    errs = [log.read_text() for log in logs]
    assert codes == [0, 0], errs
    with sqlite3.connect(book) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finished = db.execute("SELECT started_at, finished_at FROM run ORDER BY id").fetchall()
    assert len(finished) == 2 and all(f for _, f in finished)
    assert finished[0][1] <= finished[1][0]   # the second started when the first had finished
