"""A class as an LMS hands it over, graded end to end with `python -m grader` (what `make grade` runs).

A Moodle download zip built the way Moodle names things (folder and flat entries, Korean names, one in
NFD, online text, a student's own zip, a `../` entry and an absolute one), a roster with two students
who submitted nothing, Moodle's grading worksheet with the submission times, and a Canvas folder with
lower-case `late` files.  Every roster student appears once, in roster order, with the right status;
nothing is written outside the reports and a temporary folder; a late student's score is the earned
score less the policy's deduction; changing the due date regrades nothing and changes only the late
columns; a malformed input is one line and exit status 2.
"""
from __future__ import annotations

import csv
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from moodle_class import NO_MEAN, REFERENCE, ROSTER, WORKSHEET, moodle_zip

NN = ROOT / "assignments" / "neural_network"
LATE = """
[late]
due = "2026-12-07T23:59:00+09:00"
grace_minutes = 10
percent_per_day = 10
max_days = 3
"""
def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", "--quiet", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.fixture
def assignment(tmp_path) -> Path:
    """The network assignment with a late policy: 10 % of the earned score per started day, 10 minutes' grace."""
    folder = tmp_path / "assignment"
    shutil.copytree(NN, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "assignment.toml").write_text((NN / "assignment.toml").read_text("utf-8") + LATE, "utf-8")
    return folder


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def rows(reports: Path, name: str = "grades.csv") -> list[dict]:
    return list(csv.DictReader((reports / name).open(encoding="utf-8-sig")))


@pytest.fixture
def moodle_class(tmp_path, assignment):
    download = moodle_zip(tmp_path / "NN101-Week9 NeuralNetwork-1234.zip")
    (tmp_path / "명단 2026.csv").write_text(ROSTER, "utf-8")
    (tmp_path / "Grades-NN101-Week9 NeuralNetwork-1234.csv").write_text(WORKSHEET, "utf-8")
    return tmp_path, download


def grade_moodle(tmp_path: Path, assignment: Path, download: Path, reports: Path, *extra: str, env=None):
    return run("--assignment", str(assignment), "--submissions", str(download), "--reports", str(reports),
               "--roster", str(tmp_path / "명단 2026.csv"),
               "--worksheet", str(tmp_path / "Grades-NN101-Week9 NeuralNetwork-1234.csv"), *extra, env=env)


def test_a_moodle_download_with_a_roster_and_a_worksheet(moodle_class, assignment):
    tmp_path, download = moodle_class
    private_tmp = tmp_path / "private_tmp"
    private_tmp.mkdir()
    before = tree(tmp_path)
    reports = tmp_path / "reports"
    p = grade_moodle(tmp_path, assignment, download, reports, env={**os.environ, "TMPDIR": str(private_tmp)})
    assert p.returncode == 0, p.stderr

    # nothing written outside the reports and the gradebook beside them, and the temporary folder is gone again
    assert {f for f in tree(tmp_path) - before if not f.startswith("reports")} <= {"course.db", "course.db.lock"}
    assert list(private_tmp.iterdir()) == []
    assert not (tmp_path / "escape.py").exists() and not Path("/tmp/absolute_evil.py").exists()

    got = rows(reports)
    # every roster student once, in roster order, then nobody else
    assert [(r["student_id"], r["name"], r["status"]) for r in got] == [
        ("2026000001", "Kim Minji", "ok"), ("2026000002", "Han Sora", "missing"), ("2026000003", "박지훈", "ok"),
        ("2026000004", "Choi Yuna", "ok"), ("2026000005", "오세훈", "missing"),
        ("2026000006", "Jung Hoseok", "load_error"), ("2026000007", "Lee Jiwoo", "ok")]
    by = {r["student_id"]: r for r in got}
    assert all(r["on_roster"] == "yes" for r in got)
    assert by["2026000002"]["score"] == "0" and by["2026000005"]["score"] == "0"
    # on time (10:02 PM) and within the grace period: nothing deducted
    assert (by["2026000001"]["score"], by["2026000001"]["late_days"], by["2026000001"]["penalty"]) == ("13", "0", "0")
    assert (by["2026000007"]["score"], by["2026000007"]["late_days"]) == ("13", "0")
    # 박지훈 (an NFD name in the zip, NFC on the roster) submitted 9 h 16 min late: 1 day, 10 % of 13
    assert (by["2026000003"]["raw_score"], by["2026000003"]["late_days"], by["2026000003"]["penalty"],
            by["2026000003"]["score"]) == ("13", "1", "1.3", "11.7")
    # Choi Yuna's 2-day extension covers Wednesday 8 AM: not late; her raw score is her own (no / m)
    assert by["2026000004"]["late_days"] == "0" and float(by["2026000004"]["score"]) < 13
    # the report names the file set aside, the online-text-only submission and the refused entries
    index = (reports / "index.html").read_text("utf-8")
    for words in ("../escape.py", "/tmp/absolute_evil.py"):
        assert words in index
    assert index.count("이름으로 연결") == 5   # how each submission was matched to the roster (by name here)
    assert "online text" in (reports / "Jung Hoseok.html").read_text("utf-8") \
        or "온라인 텍스트" in (reports / "Jung Hoseok.html").read_text("utf-8")
    page = (reports / "박지훈.html").read_text("utf-8")
    assert 'id="deadline"' in page and "11.7" in page
    assert (reports / "grades_moodle.csv").is_file() and not (reports / "grades_canvas.csv").exists()
    moodle = rows(reports, "grades_moodle.csv")
    assert {r["Identifier"] for r in moodle} >= {"Participant 1234568", "Participant 1234571"}
    assert "roster 7: 5 submitted, 2 missing; 0 not on the roster; 1 late" in p.stdout


def test_changing_the_due_date_regrades_nothing_and_changes_only_the_late_columns(moodle_class, assignment):
    tmp_path, download = moodle_class
    reports = tmp_path / "reports"
    first = grade_moodle(tmp_path, assignment, download, reports)
    assert first.returncode == 0, first.stderr
    before = rows(reports)
    again = grade_moodle(tmp_path, assignment, download, reports, "--due", "2026-12-08T23:59:00+09:00")
    assert again.returncode == 0, again.stderr
    assert "0 graded, 5 reused" in again.stdout
    after = rows(reports)
    late_columns = {"score", "late_days", "penalty"}
    changed = {k for b, a in zip(before, after) for k in b if b[k] != a[k]}
    assert changed == late_columns  # 박지훈 is no longer late
    assert next(r for r in after if r["name"] == "박지훈")["score"] == "13"
    assert "2026-12-08 23:59 +09:00" in (reports / "박지훈.html").read_text("utf-8")


def test_a_canvas_folder_with_lower_case_late_files(tmp_path):
    subs = tmp_path / "submissions"
    subs.mkdir()
    (subs / "kimminji_340934_208490280_neural_network.py").write_bytes(NO_MEAN)      # the first upload
    (subs / "kimminji_late_340934_208490284_neural_network-1.py").write_bytes(REFERENCE)  # the latest, late
    (subs / "leejiwoo_340935_208490300_neural_network.py").write_bytes(REFERENCE)
    reports = tmp_path / "reports"
    p = run("--assignment", str(NN), "--submissions", str(subs), "--reports", str(reports),
            "--due", "2026-12-07T23:59:00+09:00")
    assert p.returncode == 0, p.stderr
    got = rows(reports)
    assert [(r["student"], r["score"], r["late_days"]) for r in got] == [("kimminji", "13", "1"), ("leejiwoo", "13", "0")]
    canvas = list(csv.reader((reports / "grades_canvas.csv").open(encoding="utf-8-sig")))
    assert [(r[1], r[5]) for r in canvas[2:]] == [("340934", "13"), ("340935", "13")]  # the latest upload's score
    assert not (reports / "grades_moodle.csv").exists()


def test_reports_of_students_no_longer_there_are_moved_aside(tmp_path):
    subs = tmp_path / "submissions"
    subs.mkdir()
    (subs / "kim.py").write_bytes(REFERENCE)
    (subs / "lee.py").write_bytes(REFERENCE)
    reports = tmp_path / "reports"
    assert run("--assignment", str(NN), "--submissions", str(subs), "--reports", str(reports)).returncode == 0
    (subs / "lee.py").rename(subs / "lee_jiwoo.py")
    p = run("--assignment", str(NN), "--submissions", str(subs), "--reports", str(reports))
    assert p.returncode == 0, p.stderr
    assert not (reports / "lee.json").exists() and (reports / "_stale" / "lee.json").is_file()
    assert [r["student"] for r in rows(reports)] == ["kim", "lee_jiwoo"]
    assert "lee: 이전 실행에서 만든 보고서인데" in p.stderr  # the console speaks the feedback language (Korean)


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    (tmp_path / "no_name.csv").write_text("학번,이메일\n2026000001,a@b.c\n", "utf-8")
    (tmp_path / "other.csv").write_text(WORKSHEET.replace("12345", "99999"), "utf-8")
    (tmp_path / "fake.zip").write_bytes(b"%PDF-1.7 not a zip")
    return {
        "roster without a name column": (["--roster", str(tmp_path / "no_name.csv")], "name"),
        "worksheet from another assignment": (["--worksheet", str(tmp_path / "other.csv")], "another assignment"),
        "zip that is not a zip": (["--submissions", str(tmp_path / "fake.zip")], "fake.zip"),
        "due date without a time zone": (["--due", "2026-12-07T23:59"], "time zone"),
    }


@pytest.mark.parametrize("case", ["roster without a name column", "worksheet from another assignment",
                                  "zip that is not a zip", "due date without a time zone"])
def test_a_malformed_input_is_one_line_and_exit_status_2(moodle_class, case):
    tmp_path, download = moodle_class
    extra, words = _bad_inputs(tmp_path)[case]
    submissions = [] if "--submissions" in extra else ["--submissions", str(download)]
    p = run("--assignment", str(NN), *submissions, "--reports", str(tmp_path / "reports"), *extra)
    assert p.returncode == 2, (p.stdout, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], p.stderr
    assert "Traceback" not in p.stderr


def test_make_passes_paths_with_spaces_and_korean_as_one_argument_each():
    """Moodle names its zips like 'NN101-Week9 NeuralNetwork-1234.zip': `make grade SUBMISSIONS="..."` must
    hand each path to the grader whole, not split at the space."""
    paths = {"SUBMISSIONS": "/tmp/주차 9/NN101-Week9 NeuralNetwork-1234.zip", "ROSTER": "/tmp/명단 2026.csv",
             "WORKSHEET": "/tmp/Grades-NN101-Week9 NeuralNetwork-1234.csv", "TIMES": "/tmp/제출 시각.csv",
             "REPORTS": "/tmp/결과 폴더", "DUE": "2026-12-07T23:59+09:00"}
    p = subprocess.run(["make", "-n", "grade", *(f"{k}={v}" for k, v in paths.items()), "LMS_GRADES=moodle canvas"],
                       cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert p.returncode == 0, p.stderr
    line = next(x for x in p.stdout.splitlines() if "-m grader" in x)
    argv = shlex.split(line)
    for key, value in paths.items():
        assert argv[argv.index(f"--{key.lower()}") + 1] == value
    assert [argv[i + 1] for i, a in enumerate(argv) if a == "--lms-grades"] == ["moodle", "canvas"]


def test_a_due_time_without_a_late_table_marks_lateness_and_deducts_nothing(moodle_class):
    tmp_path, download = moodle_class
    reports = tmp_path / "reports"
    p = grade_moodle(tmp_path, NN, download, reports, "--due", "2026-12-07T23:59:00+09:00")
    assert p.returncode == 0, p.stderr
    by = {r["student_id"]: r for r in rows(reports)}
    assert (by["2026000003"]["late_days"], by["2026000003"]["penalty"], by["2026000003"]["score"]) == ("1", "0", "13")
    assert "nothing is deducted" in p.stderr or "감점하지 않았습니다" in p.stderr
    assert "감점하지 않았습니다" in (reports / "index.html").read_text("utf-8")
