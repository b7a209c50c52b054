"""The same grade under any load (issue 12), through the real command line.

A small class (the reference, correct variants including a slow one, mistakes including an endless loop
and a file that cannot be graded) is graded with ``--jobs 1``, with ``--jobs 2``, and with ``--jobs 2``
while CPU spinners keep every core busy.  Every check of every student must get the same status and
score each time.  The slow file (``c26_update_checks_its_gradient.py``) needs about half of its training
run's CPU-time limit (2.5 s of 5 s here); under the load here (twice as many spinners as cores, plus one)
it gets about a third of a core and takes 7 to 8 s of real time, so a wall-clock limit would fail it:
with the limit judged in real time, this test fails on its train.convergence.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from helpers import ROOT, wait_for

NN = ROOT / "assignments" / "neural_network"
SOL = ROOT / "solutions" / "neural_network"
CLASS = {  # student -> file
    "ref": SOL / "neural_network.py",
    "c01": SOL / "correct" / "c01_forward_column_loop.py",
    "c05": SOL / "correct" / "c05_grad_dict_cache.py",
    "slow": SOL / "correct" / "c26_update_checks_its_gradient.py",
    "nb01": SOL / "correct" / "nb01_full_notebook.ipynb",
    "endless": SOL / "mutants" / "infinite_loop_update.py",
    "missing_m": SOL / "mutants" / "missing_m_all.py",
    "twice": SOL / "mutants" / "derivative_twice.py",
    "relu": SOL / "mutants" / "forward_relu_hidden.py",
    "zeros": SOL / "mutants" / "zero_weights.py",
    "ascent": SOL / "mutants" / "gradient_ascent.py",
    "syntax": SOL / "mutants" / "syntax_error.py",
}
CORES = os.cpu_count() or 1


def grade(subs: Path, reports: Path, jobs: int) -> dict[str, dict]:
    """Grades the class through ``python -m grader``; returns student -> the NAME.json it wrote."""
    p = subprocess.run([sys.executable, "-m", "grader", "--assignment", str(NN), "--submissions", str(subs),
                        "--reports", str(reports), "--jobs", str(jobs), "--lang", "en", "--quiet"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    return {s: json.loads((reports / f"{s}.json").read_text("utf-8")) for s in CLASS}


def verdicts(graded: dict[str, dict]) -> dict[str, list[tuple[str, str, float]]]:
    return {s: [(t["id"], t["status"], t["score"]) for t in d["tests"]] for s, d in graded.items()}


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def test_the_same_grades_with_one_job_two_jobs_and_every_core_busy(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for student, path in CLASS.items():
        shutil.copy(path, subs / f"{student}{path.suffix}")

    one = grade(subs, tmp_path / "jobs1", 1)
    two = grade(subs, tmp_path / "jobs2", 2)
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
                for _ in range(min(2 * CORES + 1, 17))]
    try:
        assert wait_for(lambda: all(_cpu_ticks(p.pid) > 0 for p in spinners), seconds=10)
        t = time.monotonic()
        loaded = grade(subs, tmp_path / "loaded", 2)
        loaded_wall = time.monotonic() - t
    finally:
        for p in spinners:
            p.kill()
        for p in spinners:
            p.wait()

    # The class is what it should be: the reference and the correct files at full marks (the slow one
    # included), the endless loop failing its update checks as a time-out, the broken file not gradable.
    for s in ("ref", "c01", "c05", "slow", "nb01"):
        assert one[s]["score"] == one[s]["max_score"], (s, [t["output"] for t in one[s]["tests"]
                                                            if t["status"] != "passed"])
    endless = {t["id"]: t for t in one["endless"]["tests"]}
    assert endless["update.output_delta"]["status"] == "failed"
    assert endless["update.output_delta"]["output"].startswith("Timed out: your code used up its 2 s of CPU time")
    assert not one["syntax"]["grader"]["gradable"]
    assert sum(t["status"] == "failed" for d in one.values() for t in d["tests"]) >= 20

    # The same verdicts, check by check, however the class was graded.
    assert verdicts(two) == verdicts(one)
    assert verdicts(loaded) == verdicts(one)
    assert {s: d["score"] for s, d in loaded.items()} == {s: d["score"] for s, d in one.items()}

    # And the load was real: the slow file took longer to grade than beside idle cores.
    if CORES <= 8:
        slow = [d["slow"]["grader"]["seconds"] for d in (two, loaded)]
        assert slow[1] > 1.5 * slow[0], f"the spinners did not slow grading down: {slow} ({loaded_wall:.1f} s)"


def test_the_bench_counts_every_check_graded_differently():
    """``bench.py`` grades its class a second time under CPU spinners and counts the checks whose status or
    score changed; a student missing from one run counts with each of its checks."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    idle = {"kim": {"a": ("passed", 1.0), "b": ("failed", 0.0)}, "lee": {"a": ("passed", 1.0)}}
    assert bench.differences(idle, idle) == []
    loaded = {"kim": {"a": ("passed", 1.0), "b": ("passed", 1.0)}}
    assert bench.differences(idle, loaded) == [("kim", "b", ("failed", 0.0), ("passed", 1.0)),
                                               ("lee", "a", ("passed", 1.0), None)]
