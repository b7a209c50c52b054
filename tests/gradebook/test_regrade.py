"""The issue's own check, end to end through `python -m grader` (what the make targets run): a class is
graded, a hand adjustment made, one check's points doubled and the class regraded. The adjustment still
applies, exactly the students who passed that check are in changes.csv and in the summary, history shows
both runs, and an adjustment whose check's automatic result moved is marked for a look."""
from __future__ import annotations

import csv
import re
import sqlite3

from gradebook_helpers import assignment_fixture, grader, klass_fixture  # noqa: F401  (fixtures)


def rows(path) -> dict[str, dict]:
    return {r["student"]: r for r in csv.DictReader(path.open(encoding="utf-8-sig"))}


def double_points(assignment, check: str) -> None:
    toml = assignment / "assignment.toml"
    text = toml.read_text("utf-8")
    block = re.search(rf'\[checks\."{re.escape(check)}"\][^\[]*', text) or \
        re.search(rf"\[checks\.{re.escape(check)}\][^\[]*", text)
    assert block, f"no [checks.{check}] table"
    old = re.search(r"points\s*=\s*([\d.]+)", block[0])
    new_block = block[0].replace(old[0], f"points = {float(old[1]) * 2:g}", 1)
    toml.write_text(text.replace(block[0], new_block), "utf-8")


def test_an_adjustment_survives_a_regrade_and_the_changes_are_exactly_the_students_who_passed(klass, assignment,
                                                                                               tmp_path):
    reports = tmp_path / "reports"
    common = ("--assignment", str(assignment), "--reports", str(reports), "--lang", "en")
    first = grader(*common, "--submissions", str(klass), "--quiet")
    assert "first run of neural_network" in first.stdout
    assert (tmp_path / "course.db").is_file()   # beside the reports folder
    before = rows(reports / "grades.csv")
    passed = {s for s, r in before.items() if float(r["forward.values"]) > 0}
    assert passed == {"kim", "choi"}

    gb = ("--reports", str(reports), "--assignment", "neural_network")
    made = grader("override", *gb, "--student", "choi", "--points", "+1", "--check", "update.output_delta",
                  "--reason", "regrade request: the delta was right")
    assert "choi: 7 -> 8 / 13" in made.stdout.replace(".0", "")
    # the student's page is written again at once (make feedback sends it), and the next run still reuses it
    assert "regrade request: the delta was right" in (reports / "choi.html").read_text("utf-8")
    grader("override", *gb, "--student", "kim", "--points", "=1", "--check", "forward.values",
           "--reason", "printed debug output")

    double_points(assignment, "forward.values")
    second = grader(*common, "--submissions", str(klass), "--quiet")
    after = rows(reports / "grades.csv")
    # the adjustment still applies on top of the new automatic score
    assert float(after["choi"]["adjustment"]) == 1
    assert float(after["choi"]["score"]) == float(after["choi"]["raw_score"]) + 1
    # exactly the students who passed the doubled check changed, in changes.csv and in the summary
    changed = rows(reports / "changes.csv")
    assert set(changed) == passed
    assert "forward.values" in changed["choi"]["checks"].split()
    assert f"{len(passed)} scores changed since the last run" in second.stdout
    # kim's adjustment was made when forward.values gave 1.5; it now gives 3: a TA must look again
    assert "kim: the adjustment =1 on forward.values" in second.stderr and "please look again" in second.stderr
    index = (reports / "index.html").read_text("utf-8")
    assert "tag adj bad" in index and "tag changed" in index
    # the student reads the adjustment, its reason and when
    page = (reports / "choi.html").read_text("utf-8")
    assert 'id="adjustments"' in page and "regrade request: the delta was right" in page
    assert 'class="tag adj" href="#adjustments"' in page   # beside the check it changed

    history = grader("history", *gb, "--student", "choi").stdout
    runs = [line for line in history.splitlines() if line.startswith("run ")]
    assert len(runs) == 2
    assert "[automatic 7]" in runs[0].replace(".0", "") and "adjustments +1" in runs[1]
    assert "(regrade request: the delta was right); in force" in history

    shown = grader("changes", *gb).stdout
    assert shown.startswith(f"{len(passed)} scores changed from run 1 to run 2")

    # a revocation is a row of its own: the adjustment is still in the history, marked revoked
    grader("override", *gb, "--student", "choi", "--revoke", "--reason", "answered by the fix")
    third = grader(*common, "--submissions", str(klass), "--quiet")
    assert "0 scores changed since the last run" in third.stdout   # adjustments are not changes of the checks
    assert "4 submissions: 0 graded, 4 reused" in third.stdout      # the rewritten pages are still reused
    assert "regrade request" not in (reports / "choi.html").read_text("utf-8")
    assert float(rows(reports / "grades.csv")["choi"]["score"]) == float(after["choi"]["raw_score"])
    assert "revoked" in grader("history", *gb, "--student", "choi").stdout
    with sqlite3.connect(tmp_path / "course.db") as db:
        assert db.execute("SELECT COUNT(*) FROM adjustment").fetchone()[0] == 2
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_bad_commands_are_one_line_and_exit_2(klass, assignment, tmp_path):
    reports = tmp_path / "reports"
    gb = ("--reports", str(reports), "--assignment", "neural_network")
    none = grader("history", *gb, "--student", "kim", check=False)
    assert none.returncode == 2 and "no gradebook at" in none.stderr and "Traceback" not in none.stderr
    grader("--assignment", str(assignment), "--reports", str(reports), "--submissions", str(klass), "--quiet")
    for args, words in [(("override", *gb, "--student", "nobody", "--points", "+1", "--reason", "x"), "no student"),
                        (("override", *gb, "--student", "kim", "--points", "1", "--reason", "x"), "POINTS must be"),
                        (("override", *gb, "--student", "kim", "--points", "+1"), "say why"),
                        (("override", *gb, "--student", "kim", "--points", "+1", "--reason", "x", "--check", "nope"),
                         "no check 'nope'"),
                        (("override", *gb, "--student", "kim", "--revoke"), "no adjustment in force"),
                        (("changes", "--reports", str(reports), "--assignment", "activations"), "no finished run"),
                        (("export", *gb, "--format", "moodle", "--out", str(tmp_path / "x.csv")), "WORKSHEET")]:
        p = grader(*args, check=False)
        assert p.returncode == 2 and words in p.stderr and len(p.stderr.strip().splitlines()) == 1, (args, p.stderr)
