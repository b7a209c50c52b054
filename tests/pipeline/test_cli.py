"""`python -m grader` end to end: files written, exit codes, not-gradable marked, nothing redone."""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ASSIGNMENTS, ROOT, wait_for

DATA = ROOT / "tests" / "data"
NN = ROOT / "assignments" / "neural_network"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def small_class(tmp_path) -> Path:
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(ROOT / "solutions" / "neural_network" / "neural_network.py", subs / "kim.py")
    shutil.copy(NN / "neural_network.py", subs / "lee.py")
    shutil.copy(DATA / "submissions" / "syntax_error.py", subs / "park.py")
    (subs / "choi").mkdir()
    shutil.copy(DATA / "submissions" / "wrong_class_name.py", subs / "choi" / "neural_network.py")
    return subs


def grade(subs: Path, reports: Path, *extra: str) -> subprocess.CompletedProcess:
    return run("--assignment", str(NN), "--submissions", str(subs), "--reports", str(reports), "--quiet", *extra)


def test_a_class_gets_every_file_and_exit_0(small_class, tmp_path):
    reports = tmp_path / "reports"
    p = grade(small_class, reports, "--lang", "en")
    assert p.returncode == 0, p.stderr
    for student in ("kim", "lee", "park", "choi"):
        assert (reports / f"{student}.json").is_file() and (reports / f"{student}.html").is_file()
    assert (reports / "index.html").is_file()
    rows = list(csv.DictReader((reports / "grades.csv").open(encoding="utf-8-sig")))
    assert (reports / "grades.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    assert (reports / "kim.html").stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert [r["student"] for r in rows] == ["choi", "kim", "lee", "park"]
    kim = next(r for r in rows if r["student"] == "kim")
    assert kim["score"] == kim["max_score"] == "13" and kim["init.shapes"] == "1"
    # each count adds up: 4 submissions = 4 graded + 0 reused = 2 ok + 2 not gradable + 0 + 0 + 0
    summary, last = p.stdout.splitlines()[-2:]
    assert last.startswith("first run of neural_network in ") and last.endswith("course.db")
    assert summary.startswith("4 submissions: 4 graded, 0 reused; 2 ok, 2 not gradable, 0 timed out, "
                                                "0 crashed, 0 grader faults; mean score ")


def test_json_is_a_superset_of_gradescope_results(small_class, tmp_path):
    reports = tmp_path / "reports"
    grade(small_class, reports, "--lang", "en")
    data = json.loads((reports / "kim.json").read_text())
    assert data["score"] == data["max_score"] == 13
    ids = [t["id"] for t in data["tests"]]
    assert ids[0] == "init.shapes" and "train.convergence" in ids and len(ids) == 11
    for t in data["tests"]:
        assert set(t) >= {"id", "name", "status", "score", "max_score", "output"}
        assert t["status"] in ("passed", "failed")


@pytest.mark.parametrize("student,words", [("park", "SyntaxError at line 4"),
                                           ("choi", "does not define NeuralNetwork")])
def test_not_gradable_is_marked_with_the_reason(small_class, tmp_path, student, words):
    reports = tmp_path / "reports"
    grade(small_class, reports, "--lang", "en")
    data = json.loads((reports / f"{student}.json").read_text())
    assert data["score"] == 0 and not data["grader"]["gradable"]
    assert data["output"].startswith("Not gradable") and words in data["output"]
    assert all(t["status"] == "failed" for t in data["tests"])
    html = (reports / f"{student}.html").read_text()
    assert 'id="not-gradable"' in html and words in html


def test_feedback_language_is_chosen_per_run(small_class, tmp_path):
    reports = tmp_path / "reports"
    grade(small_class, reports, "--lang", "ko")
    data = json.loads((reports / "lee.json").read_text())
    assert "예외가 발생했습니다" in data["tests"][0]["output"]
    assert '<html lang="ko">' in (reports / "lee.html").read_text()


def test_unchanged_submissions_are_reused_and_changed_ones_regraded(small_class, tmp_path):
    reports = tmp_path / "reports"
    assert grade(small_class, reports).returncode == 0
    again = grade(small_class, reports)
    assert "0 graded, 4 reused" in again.stdout
    (small_class / "lee.py").write_text((small_class / "kim.py").read_text())
    changed = grade(small_class, reports)
    assert "1 graded, 3 reused" in changed.stdout
    assert json.loads((reports / "lee.json").read_text())["score"] == 13
    assert "4 graded, 0 reused" in grade(small_class, reports, "--force").stdout


def test_a_run_killed_half_way_resumes_where_it_stopped(small_class, tmp_path):
    reports = tmp_path / "reports"
    grade(small_class, reports)
    (reports / "kim.json").unlink()  # as if the run had died before kim was written
    (reports / "park.json").write_text('{"score": ')  # or died while writing (never, with atomic writes)
    p = grade(small_class, reports)
    assert "2 graded, 2 reused" in p.stdout
    assert json.loads((reports / "kim.json").read_text())["score"] == 13


def _children(pid: int) -> set[int]:
    kids: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids |= {int(x) for x in (task / "children").read_text().split()}
        except (OSError, ValueError):
            pass
    return kids


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_run_killed_outright_leaves_no_worker_or_sandbox_running(tmp_path):
    """SIGKILL of the grading run (the TA's terminal closed, an OOM kill): its workers, their fork
    servers and the sandboxes they started all end with it, and the reports written so far stay."""
    subs = tmp_path / "subs"
    subs.mkdir()
    endless = (ROOT / "solutions" / "neural_network" / "mutants" / "infinite_loop_update.py").read_text("utf-8")
    for i in range(6):
        (subs / f"s{i}.py").write_text(endless, "utf-8")
    reports = tmp_path / "reports"
    boxes = tmp_path / "boxes"  # where the run's sandboxes make their private folders
    boxes.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "grader", "--assignment", str(NN), "--submissions", str(subs),
                             "--reports", str(reports), "--quiet", "--jobs", "2"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "TMPDIR": str(boxes)})
    tree: set[int] = set()

    def a_sandbox_runs() -> bool:  # grading run -> worker -> fork server -> sandbox
        return any(_children(server) for worker in _children(proc.pid) for server in _children(worker))

    assert wait_for(a_sandbox_runs, seconds=60)
    stack = [proc.pid]
    while stack:
        for kid in _children(stack.pop()):
            tree.add(kid)
            stack.append(kid)
    assert len(tree) >= 4  # two workers, a fork server, a sandbox at least
    proc.kill()
    proc.wait()
    wait_for(lambda: not any(_running(pid) for pid in tree), seconds=10)
    assert [pid for pid in tree if _running(pid)] == []
    wait_for(lambda: not any(p.name.startswith("grader-sbx-") for p in boxes.iterdir()), seconds=5)
    assert [p.name for p in boxes.iterdir() if p.name.startswith("grader-sbx-")] == []


@pytest.mark.parametrize("args,message", [
    (["--assignment", "no/such/folder", "--submissions", ".", "--reports", "/tmp/x"], "not an assignment"),
    (["--assignment", str(NN), "--submissions", "no/such/folder", "--reports", "/tmp/x"], "does not exist"),
])
def test_usage_errors_exit_2_with_a_message(args, message):
    p = run(*args)
    assert p.returncode == 2 and message in p.stderr


def test_help_explains_the_command():
    p = run("--help")
    assert p.returncode == 0
    for words in ("--assignment", "--submissions", "--reports", "--lang", "--jobs", "--force", "Exit status"):
        assert words in p.stdout


HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_each_demo_class_is_graded_with_reports_in_both_languages(name, tmp_path):
    demo = ROOT / "solutions" / name / "demo_class"
    reports = tmp_path / "reports"
    ko = run("--assignment", str(ROOT / "assignments" / name), "--submissions", str(demo), "--reports",
             str(reports), "--lang", "ko", "--quiet")
    assert ko.returncode == 0, ko.stderr
    students = sorted({p.stem for p in demo.iterdir() if p.suffix in (".py", ".ipynb")})
    assert len(students) >= 5 and any((demo / f"{s}.ipynb").exists() for s in students)
    failed_ko = []
    for s in students:
        data = json.loads((reports / f"{s}.json").read_text())
        assert data["grader"]["language"] == "ko"
        failed_ko += [t["output"] for t in data["tests"] if t["status"] == "failed"]
    assert failed_ko and all(HANGUL.search(text) for text in failed_ko)
    en = run("--assignment", str(ROOT / "assignments" / name), "--submissions", str(demo), "--reports",
             str(reports), "--lang", "en", "--quiet")
    assert en.returncode == 0 and f"0 graded, {len(students)} reused" in en.stdout
    for s in students:
        data = json.loads((reports / f"{s}.json").read_text())
        assert data["grader"]["language"] == "en"
        assert not any(HANGUL.search(t["output"]) for t in data["tests"] if t["status"] == "failed")
        assert '<html lang="en">' in (reports / f"{s}.html").read_text()


def test_what_is_not_graded_is_named_on_the_overview_too(small_class, tmp_path):
    """A TA who only opens index.html still learns which entries were not graded, and why."""
    (small_class / "lim.zip").write_bytes(b"PK\x03\x04")
    (small_class / "cheat.py").symlink_to("/etc/passwd")
    reports = tmp_path / "reports"
    p = grade(small_class, reports, "--lang", "ko")
    assert p.returncode == 0, p.stderr
    assert "lim.zip" in p.stderr and "cheat.py" in p.stderr
    index = (reports / "index.html").read_text("utf-8")
    section = index[index.index('id="not-graded"'):]
    assert "lim.zip" in section and "cheat.py: 심볼릭 링크" in section
    assert not (reports / "cheat.json").exists() and "root:" not in index


def test_what_changes_no_verdict_leaves_the_fingerprint_and_a_point_changes_it(tmp_path):
    """A due date or a check's Gradescope visibility must not regrade the class; a check's points must."""
    from grader.assignment import load
    from grader.cli import checks_fingerprint

    folder = tmp_path / "neural_network"
    shutil.copytree(NN, folder, ignore=shutil.ignore_patterns("__pycache__"))
    toml = folder / "assignment.toml"
    base = checks_fingerprint(load(folder))
    text = toml.read_text("utf-8")
    toml.write_text(text.replace('[checks."init.shapes"]\n', '[checks."init.shapes"]\nvisibility = "hidden"\n', 1)
                    + '\n[late]\ndue = "2026-12-07T23:59:00+09:00"\npercent_per_day = 10\n', "utf-8")
    assert checks_fingerprint(load(folder)) == base
    toml.write_text(re.sub(r"points = 1\b", "points = 2", text, count=1), "utf-8")
    assert checks_fingerprint(load(folder)) != base
