"""The Gradescope autograder as Gradescope runs it: the zip built by ``make gradescope``, unpacked into
``source/`` of a temporary AUTOGRADER_ROOT, ``setup.sh`` run there, and ``run_autograder`` run for a
correct, a wrong, a broken and a missing submission. Every results.json is validated against Gradescope's
format (``gradescope_results.schema.json``, written from its specification) and its scores are compared with
``python -m grader`` on the same file.

setup.sh is run with ``GRADER_VENV`` (the environment these tests run in, checked against the zip's lock),
so the tests need no network; the full install (a new virtual environment from PyPI) is the same script's
other branch, run by hand before a release (README, Gradescope).
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from grader import assignment as assignment_mod
from grader.assignment import ConfigError
from grader.gradescope import package
from grader.gradescope.run import GRADER_FAILED
from helpers import NN, ROOT, solutions

SCHEMA = json.loads((Path(__file__).with_name("gradescope_results.schema.json")).read_text("utf-8"))
DUE = datetime.fromisoformat("2026-12-07T23:59:00+09:00")
LATE = """
[late]
due = 2026-12-07T23:59:00+09:00
grace_minutes = 10
percent_per_day = 10
max_days = 3
"""


@pytest.fixture(scope="module")
def assignment_copy(tmp_path_factory) -> Path:
    """The network assignment with a [late] policy and two visibility settings of its own."""
    folder = tmp_path_factory.mktemp("course") / "assignments" / "neural_network"
    shutil.copytree(NN, folder, ignore=shutil.ignore_patterns("__pycache__"))
    config = (folder / "assignment.toml").read_text("utf-8")
    config = config.replace('[checks."sigmoid.values"]\n', '[checks."sigmoid.values"]\nvisibility = "after_due_date"\n')
    config = config.replace('[checks."train.convergence"]\n', '[checks."train.convergence"]\nfailed_visibility = "hidden"\n')
    (folder / "assignment.toml").write_text(config + LATE, "utf-8")
    return folder


@pytest.fixture(scope="module")
def zip_path(tmp_path_factory, assignment_copy) -> Path:
    return package.build(assignment_copy, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def source(tmp_path_factory, zip_path) -> Path:
    """The zip unpacked as Gradescope unpacks it, and setup.sh run in it."""
    folder = tmp_path_factory.mktemp("image") / "source"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(folder)
        for info in z.infolist():  # extractall drops the modes; Gradescope keeps them
            if info.external_attr >> 16 & 0o111:
                os.chmod(folder / info.filename, 0o755)
    setup = subprocess.run(["bash", str(folder / "setup.sh")], cwd=folder, capture_output=True, text=True,
                           env={**os.environ, "GRADER_VENV": sys.prefix}, timeout=120)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    return folder


def autograde(tmp: Path, source: Path, files: dict[str, bytes] | None, metadata: dict | None = None,
              extra_env: dict | None = None) -> tuple[dict, str]:
    """A fresh AUTOGRADER_ROOT with ``source``, the submission's files and its metadata; run_autograder run
    there as Gradescope runs it (copied to the root, working directory the root). results.json and stdout."""
    root = tmp / "autograder"
    root.mkdir(parents=True)
    (root / "source").symlink_to(source)
    shutil.copy2(source / "run_autograder", root / "run_autograder")
    if files is not None:
        (root / "submission").mkdir()
        for name, data in files.items():
            (root / "submission" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "submission" / name).write_bytes(data)
    if metadata is not None:
        (root / "submission_metadata.json").write_text(json.dumps(metadata), "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    run = subprocess.run([str(root / "run_autograder")], cwd=root, capture_output=True, text=True,
                         env={**env, **(extra_env or {}), "AUTOGRADER_ROOT": str(root)}, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    data = json.loads((root / "results" / "results.json").read_text("utf-8"))
    jsonschema.validate(data, SCHEMA)
    return data, run.stdout


def make_grade(tmp: Path, name: str, data: bytes, assignment: Path = NN, times: str = "") -> dict:
    """``python -m grader`` on a class of one: the student's NAME.json."""
    subs, reports = tmp / "class", tmp / "reports"
    subs.mkdir(parents=True)
    (subs / name).write_bytes(data)
    extra = []
    if times:
        (tmp / "times.csv").write_text(f"student,submitted_at\n{Path(name).stem},{times}\n", "utf-8")
        extra = ["--times", str(tmp / "times.csv")]
    run = subprocess.run([sys.executable, "-m", "grader", "--assignment", str(assignment), "--submissions", str(subs),
                          "--reports", str(reports), "--jobs", "1", "--quiet", *extra],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads((reports / f"{Path(name).stem}.json").read_text("utf-8"))


def metadata(created: datetime, own_due: datetime | None = None) -> dict:
    """submission_metadata.json as Gradescope writes it (its documentation's example, with our dates)."""
    course_due = "2026-12-07T23:59:00.000000+09:00"
    user = {"email": "minji@example.ac.kr", "id": 1234, "name": "Kim Minji"}
    if own_due is not None:
        user["assignment"] = {"due_date": own_due.isoformat(), "late_due_date": None,
                              "release_date": "2026-11-30T00:00:00.000000+09:00"}
    return {"id": 123456, "created_at": created.isoformat(), "assignment": {
        "due_date": course_due, "group_size": None, "group_submission": False, "id": 25828, "course_id": 1234,
        "late_due_date": None, "release_date": "2026-11-30T00:00:00.000000+09:00", "title": "Week 9",
        "total_points": "13.0"}, "submission_method": "upload", "users": [user], "previous_submissions": []}


def same_scores(gradescope: dict, graded: dict) -> None:
    """The checks, their points and verdicts, and the total: as make grade gave them."""
    ours = {t["number"]: (t["score"], t["max_score"], t["status"]) for t in gradescope["tests"]}
    theirs = {t["id"]: (t["score"], t["max_score"], t["status"]) for t in graded["tests"]}
    assert ours == theirs
    assert gradescope["extra_data"]["raw_score"] == graded["score"]


REFERENCE = (solutions("neural_network") / "neural_network.py").read_bytes()


def test_the_zip_has_what_gradescope_needs_at_its_root_and_the_pinned_environment(zip_path):
    with zipfile.ZipFile(zip_path) as z:
        names = set(z.namelist())
        modes = {i.filename: i.external_attr >> 16 for i in z.infolist()}
        lock = z.read("requirements.lock").decode()
    assert {"setup.sh", "run_autograder", "requirements.lock"} <= names
    assert modes["setup.sh"] & stat.S_IXUSR and modes["run_autograder"] & stat.S_IXUSR
    assert "assignments/neural_network/hidden/test_neural_network.py" in names      # Gradescope only
    assert "assignments/neural_network/assignment.toml" in names
    assert "grader/pipeline.py" in names and "grader/gradescope/run.py" in names
    assert not any(n.startswith("solutions/") or "__pycache__" in n for n in names)
    import numpy
    assert f"numpy=={numpy.__version__}" in lock.splitlines()
    assert "pytest==" in lock and "distributed" not in lock


def test_a_correct_file_under_any_name_gets_full_marks_as_make_grade_gives(tmp_path, source, assignment_copy):
    data, _ = autograde(tmp_path, source, {"Kim_Minji_week9_final.py": REFERENCE})
    graded = make_grade(tmp_path, "Kim_Minji_week9_final.py", REFERENCE)
    same_scores(data, graded)
    assert data["score"] == 13.0 and all(t["status"] == "passed" for t in data["tests"])
    assert "Kim_Minji_week9_final.py" in data["output"]
    assert data["execution_time"] >= 1
    assert {t["number"] for t in data["tests"]} == {c.id for c in assignment_mod.load(assignment_copy).checks}
    shown = {t["number"]: t["visibility"] for t in data["tests"]}
    assert shown["sigmoid.values"] == "after_due_date"                    # the config's own setting
    assert set(shown.values()) <= {"visible", "after_due_date"}
    assert "landlock" in data["output"] and data["extra_data"]["protections"]   # the layers of this run
    hidden = source / "assignments" / "neural_network" / "hidden"
    assert not hidden.stat().st_mode & 0o077, "setup.sh leaves the checks to the grader (root) alone"


def test_where_docker_refuses_namespaces_the_layers_that_remain_grade_and_are_reported(tmp_path, source):
    refused = ["user namespace", "network namespace", "ipc namespace", "pid namespace", "private tmpfs"]
    data, _ = autograde(tmp_path, source, {"neural_network.py": REFERENCE},
                        extra_env={"GRADER_SANDBOX_DISABLE": ",".join(refused)})
    assert data["score"] == 13.0
    active, _, missing = data["output"].splitlines()[-1].partition("; ")
    assert all(f"({name})" in missing and f"({name})" not in active for name in refused)
    assert "(seccomp)" in active and "(rlimits)" in active and "(process cleanup)" in active
    assert all(data["extra_data"]["protections"][name] is False for name in refused)


def test_a_wrong_file_fails_its_checks_and_a_failed_hidden_check_shows_after_publishing(tmp_path, source):
    wrong = (solutions("neural_network") / "mutants" / "bias_1d.py").read_bytes()
    data, _ = autograde(tmp_path, source, {"neural_network.py": wrong})
    same_scores(data, make_grade(tmp_path, "neural_network.py", wrong))
    failed = {t["number"]: t for t in data["tests"] if t["status"] == "failed"}
    assert set(failed) == {"init.shapes", "forward.broadcasting", "train.convergence"}
    assert failed["forward.broadcasting"]["visibility"] == "after_published"   # not a public check
    assert failed["init.shapes"]["visibility"] == "visible"                    # students can run it themselves
    assert failed["train.convergence"]["visibility"] == "hidden"               # failed_visibility in the config
    assert failed["init.shapes"]["output"] and failed["init.shapes"]["score"] == 0
    assert data["score"] == 13.0 - 1.0 - 1.5 - 1.5
    assert "아직 보이지 않는 검사가 2개 있습니다" in data["output"]     # forward.broadcasting, sigmoid.values


def test_a_broken_file_and_no_file_score_zero_and_say_why(tmp_path, source):
    broken = b"import numpy as np\n\nclass NeuralNetwork\n    pass\n"
    data, _ = autograde(tmp_path / "broken", source, {"neural_network.py": broken})
    same_scores(data, make_grade(tmp_path / "broken", "neural_network.py", broken))
    assert data["score"] == 0 and all(t["status"] == "failed" for t in data["tests"])
    assert "SyntaxError" in data["output"] and "3" in data["output"]
    assert data["extra_data"]["status"] == "load_error"

    for case, files, why in (("empty", {"notes.txt": b"later"}, "submission/ 폴더에 .py나 .ipynb 파일이 없습니다"),
                             ("none", None, "제출한 파일이 없습니다")):
        data, _ = autograde(tmp_path / case, source, files)
        assert data["score"] == 0 and why in data["output"], case
        assert all(t["score"] == 0 and t["status"] == "failed" for t in data["tests"])


def test_of_several_files_the_one_that_defines_the_class_is_graded(tmp_path, source):
    notebook = (solutions("neural_network") / "demo_class" / "lee_junho.ipynb").read_bytes()
    files = {"helpers.py": b"def plot(x):\n    return x\n", "Week9 Lee Junho.ipynb": notebook,
             "notes.txt": b"my notes"}
    data, _ = autograde(tmp_path, source, files)
    graded = make_grade(tmp_path, "Week9 Lee Junho.ipynb", notebook)
    same_scores(data, graded)
    assert "Week9 Lee Junho.ipynb" in data["output"].splitlines()[0]
    assert "helpers.py" in data["output"]


def test_the_late_policy_is_applied_from_the_metadata_with_the_students_extension(tmp_path, source, assignment_copy):
    two_days = DUE + timedelta(days=1, hours=3)                        # 1 day 3 h after the due: 2 started days
    data, _ = autograde(tmp_path / "late", source, {"neural_network.py": REFERENCE}, metadata(two_days))
    assert data["extra_data"]["late"]["days"] == 2 and data["extra_data"]["penalty"] == 2.6
    assert data["score"] == pytest.approx(10.4)
    assert "2일 늦게" in data["output"] and "2.6점" in data["output"]
    # the same file and time through make grade (TIMES=) and the same [late] policy: the same deduction
    graded = make_grade(tmp_path / "late", "neural_network.py", REFERENCE, assignment_copy, two_days.isoformat())
    assert graded["grader"]["late"]["penalty"] == data["extra_data"]["penalty"]
    assert graded["grader"]["late"]["days"] == data["extra_data"]["late"]["days"]

    extended = datetime.fromisoformat("2026-12-09T23:59:00+09:00")  # a two-day extension on Gradescope
    data, _ = autograde(tmp_path / "extension", source, {"neural_network.py": REFERENCE}, metadata(two_days, extended))
    assert data["score"] == 13.0 and data["extra_data"]["late"]["days"] == 0
    assert data["extra_data"]["late"]["due"].startswith("2026-12-09T23:59")

    on_time = DUE + timedelta(minutes=5)                             # within the 10 minutes' grace
    data, _ = autograde(tmp_path / "grace", source, {"neural_network.py": REFERENCE}, metadata(on_time))
    assert data["score"] == 13.0 and data["extra_data"]["penalty"] == 0


def test_a_grader_failure_still_writes_a_results_file_that_says_so(tmp_path, source):
    broken = tmp_path / "image" / "source"
    shutil.copytree(source, broken, symlinks=True)
    shutil.rmtree(broken / "assignments" / "neural_network" / "hidden")      # the grader cannot load its checks
    data, stdout = autograde(tmp_path / "config", broken, {"neural_network.py": REFERENCE})
    assert data["score"] == 0 and data["tests"] == []
    assert GRADER_FAILED.ko in data["output"] and GRADER_FAILED.en in data["output"]
    assert data["stdout_visibility"] == "hidden" and "ConfigError" in stdout   # the traceback, for the staff

    (broken / ".venv").unlink()                                              # Python cannot even start
    data, stdout = autograde(tmp_path / "python", broken, {"neural_network.py": REFERENCE})
    assert data["score"] == 0 and "could not run" in data["output"] and "wrote no results" in stdout


def test_setup_refuses_an_environment_that_is_not_the_locked_one(tmp_path, zip_path):
    folder = tmp_path / "source"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(folder)
    lock = folder / "requirements.lock"
    lock.write_text(lock.read_text().replace("numpy==", "numpy==0.0.1+"), "utf-8")
    setup = subprocess.run(["bash", str(folder / "setup.sh")], cwd=folder, capture_output=True, text=True,
                           env={**os.environ, "GRADER_VENV": sys.prefix}, timeout=120)
    assert setup.returncode != 0 and "numpy" in setup.stderr and "requirements.lock pins" in setup.stderr


def test_a_visibility_the_config_cannot_mean_is_refused(tmp_path):
    folder = tmp_path / "neural_network"
    shutil.copytree(NN, folder, ignore=shutil.ignore_patterns("__pycache__"))
    config = (folder / "assignment.toml").read_text("utf-8")
    (folder / "assignment.toml").write_text(config.replace(
        '[checks."init.shapes"]\n', '[checks."init.shapes"]\nvisibility = "after_deadline"\n'), "utf-8")
    with pytest.raises(ConfigError, match="visibility must be one of hidden, after_due_date"):
        assignment_mod.load(folder)


@pytest.mark.skipif(not os.environ.get("GRADER_TEST_SETUP_INSTALL"),
                    reason="builds a new environment from the package index (set GRADER_TEST_SETUP_INSTALL=1)")
def test_setup_builds_the_locked_environment_from_the_index_as_gradescope_does(tmp_path, zip_path):
    folder = tmp_path / "source"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(folder)
    env = {k: v for k, v in os.environ.items() if k != "GRADER_VENV"}
    setup = subprocess.run(["bash", str(folder / "setup.sh")], cwd=folder, capture_output=True, text=True,
                           env={**env, "GRADER_PYTHON": sys._base_executable}, timeout=900)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert not (folder / ".venv").is_symlink() and (folder / ".venv" / "bin" / "python").exists()
    os.chmod(folder / "run_autograder", 0o755)
    data, _ = autograde(tmp_path, folder, {"neural_network.py": REFERENCE})
    assert data["score"] == 13.0
