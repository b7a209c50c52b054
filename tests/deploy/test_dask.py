"""A class graded on a Dask cluster (``--dask local:2``, a LocalCluster of two worker processes) gets the
same results as the same class graded locally, regrades incrementally the same way, and survives its
workers dying: a worker killed mid-task costs only that task (run again elsewhere, and its sandboxes die
with it), and a submission whose task kills every worker that runs it is that student's grader fault,
not a run that never ends."""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import NN, ROOT, wait_for

pytest.importorskip("distributed")

SOL = ROOT / "solutions" / "neural_network"
CLASS = {  # student -> file: right and wrong answers, a notebook, a file that cannot load, one that times out
    "ref": SOL / "neural_network.py",
    "c01": SOL / "correct" / "c01_forward_column_loop.py",
    "nb01": SOL / "correct" / "nb01_full_notebook.ipynb",
    "endless": SOL / "mutants" / "infinite_loop_update.py",
    "missing_m": SOL / "mutants" / "missing_m_all.py",
    "zeros": SOL / "mutants" / "zero_weights.py",
    "syntax": SOL / "mutants" / "syntax_error.py",
}
VARYING = {"seconds", "graded_at"}   # how long it took and when: the only fields a run may change


def make_class(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for student, path in CLASS.items():
        shutil.copy(path, folder / f"{student}{path.suffix}")
    return folder


def command(subs: Path, reports: Path, *how: str) -> list[str]:
    return [sys.executable, "-m", "grader", "--assignment", str(NN), "--submissions", str(subs),
            "--reports", str(reports), "--quiet", *how]


def run(subs: Path, reports: Path, *how: str, env: dict | None = None, ok: tuple[int, ...] = (0,)) -> str:
    p = subprocess.run(command(subs, reports, *how), cwd=ROOT, capture_output=True, text=True, timeout=400,
                       env={**os.environ, **(env or {})})
    assert p.returncode in ok, p.stdout + p.stderr
    return p.stdout + p.stderr


def results(reports: Path) -> dict[str, dict]:
    """student -> NAME.json without the times and the student's printed output."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in VARYING}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    out = {p.stem: strip(json.loads(p.read_text("utf-8"))) for p in sorted(reports.glob("*.json"))}
    for data in out.values():  # what the student's code printed: nb01 prints its unseeded random weights
        data["grader"]["record"].pop("output")
    return out


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    """The class and its results graded locally with two jobs: what every Dask run must equal."""
    tmp = tmp_path_factory.mktemp("local")
    subs = make_class(tmp / "class")
    run(subs, tmp / "reports", "--jobs", "2")
    return subs, results(tmp / "reports")


def test_a_class_on_a_local_dask_cluster_equals_the_local_run_and_regrades_incrementally(tmp_path, local):
    graded, expected = local
    subs = Path(shutil.copytree(graded, tmp_path / "class"))     # its own copy: a file is changed below
    reports = tmp_path / "reports"
    out = run(subs, reports, "--dask", "local:2")
    assert results(reports) == expected
    assert set(expected) == set(CLASS)
    assert (reports / "grades.csv").read_text("utf-8") == (graded.parent / "reports" / "grades.csv").read_text("utf-8")
    assert "7 graded, 0 reused" in out

    out = run(subs, reports, "--dask", "local:2")                 # nothing changed: nothing sent to the cluster
    assert "0 graded, 7 reused" in out and results(reports) == expected
    shutil.copy(SOL / "mutants" / "missing_m_all.py", subs / "ref.py")
    out = run(subs, reports, "--dask", "local:2")
    assert "1 graded, 6 reused" in out
    assert results(reports)["ref"]["tests"] == expected["missing_m"]["tests"]


def test_a_task_that_kills_its_worker_every_time_is_that_students_grader_fault_only(tmp_path, local):
    subs, expected = local
    reports = tmp_path / "reports"
    # the test hook makes zeros' task kill the worker process running it; two deaths and the task is given up
    out = run(subs, reports, "--dask", "local:2", ok=(3,),
              env={"GRADER_TEST_KILL_WORKER": "zeros", "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"})
    got = results(reports)
    assert got["zeros"]["grader"]["record"]["problem"]["en"].startswith("The grader failed on this submission")
    assert all(t["score"] == 0 for t in got["zeros"]["tests"])
    assert "grader fault on zeros:\nKilledWorker" in out and "alone on the cluster too" in out
    assert {s: r for s, r in got.items() if s != "zeros"} == {s: r for s, r in expected.items() if s != "zeros"}
    assert "1 grader faults" in out

    out = run(subs, reports, "--dask", "local:2")      # a fault is never reused: the next run grades it again
    assert "1 graded, 6 reused" in out and results(reports) == expected


# -- killing a worker from outside ------------------------------------------------------------------------

def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time) of a process, None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[19])


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _descendants(root: int) -> dict[int, int]:
    """Every live descendant of ``root``: pid -> start time."""
    parent = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (st := _stat(int(name))) is not None:
            parent[int(name)] = st
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        for child, (ppid, start) in parent.items():
            if ppid == pid and child not in out:
                out[child] = start
                todo.append(child)
    return out


def _workers(cli: int) -> list[int]:
    """The Dask worker processes of a ``--dask local:N`` run (spawned by the nannies in the CLI's process)."""
    return [pid for pid, (ppid, _) in ((p, _stat(p) or (0, 0)) for p in _descendants(cli))
            if ppid == cli and b"spawn_main" in _cmdline(pid)]


def test_a_worker_killed_mid_task_costs_only_that_task_and_leaves_no_sandbox(tmp_path, local):
    subs, expected = local
    reports = tmp_path / "reports"
    cli = subprocess.Popen(command(subs, reports, "--dask", "local:2"), cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        victim: dict[str, object] = {}

        def grading() -> bool:   # a worker with a live sandbox under it is in the middle of a task
            for worker in _workers(cli.pid):
                below = _descendants(worker)
                if any(_cmdline(p).startswith(b"grader-sandbox") for p in below):
                    victim.update(pid=worker, below=below)
                    return True
            return False

        assert wait_for(grading, 120), "no worker ever ran a sandbox"
        os.kill(victim["pid"], signal.SIGKILL)
        out, err = cli.communicate(timeout=400)
    finally:
        if cli.poll() is None:
            cli.kill()
    assert cli.returncode == 0, out + err
    assert results(reports) == expected                   # the lost task ran again elsewhere; nothing else moved
    below = victim["below"]

    def all_gone() -> bool:     # the fork server, supervisors and student processes of the killed worker
        return all((_stat(pid) or (0, None))[1] != start for pid, start in below.items())
    assert wait_for(all_gone, 20), [(_cmdline(p), p) for p in below if _stat(p)]


def test_a_run_killed_outright_leaves_no_worker_or_sandbox(tmp_path, local):
    subs, _ = local
    cli = subprocess.Popen(command(subs, tmp_path / "reports", "--dask", "local:2"), cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: any(_cmdline(p).startswith(b"grader-sandbox") for p in _descendants(cli.pid)), 120)
        below = _descendants(cli.pid)        # the workers, their fork servers and sandboxes, the resource tracker
        assert _workers(cli.pid)
        cli.kill()
        cli.wait(timeout=30)
    finally:
        if cli.poll() is None:
            cli.kill()
    assert wait_for(lambda: all((_stat(p) or (0, None))[1] != start for p, start in below.items()), 30), \
        [(p, _cmdline(p)) for p, start in below.items() if (_stat(p) or (0, None))[1] == start]


def test_make_passes_dask_and_builds_the_gradescope_zip_with_its_variables():
    def command_line(*words: str) -> list[str]:
        p = subprocess.run(["make", "-n", *words], cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert p.returncode == 0, p.stderr
        return shlex.split(next(x for x in p.stdout.splitlines() if "-m grader" in x))
    argv = command_line("grade", "DASK=tcp://grader-01:8786")
    assert argv[argv.index("--dask") + 1] == "tcp://grader-01:8786"
    assert "--dask" not in command_line("grade")
    argv = command_line("gradescope", "ASSIGNMENT=activations", "FEEDBACK_LANG=en")
    assert argv[argv.index("-m") + 1:] == ["grader.gradescope", "build", "--assignment", "assignments/activations",
                                           "--out", "dist", "--lang", "en"]


@pytest.mark.parametrize("address", ["local:0", "local:two"])
def test_a_local_cluster_of_no_workers_is_a_usage_error(tmp_path, address):
    subs = make_class(tmp_path / "class")
    p = subprocess.run(command(subs, tmp_path / "reports", "--dask", address), cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 2 and p.stderr.strip() == f"error: --dask {address}: write local:N with N worker " \
                                                     "processes, e.g. local:2", p.stderr


@pytest.fixture
def cluster():
    """The README's commands: `dask scheduler` with a worker-saturation of 1.0 and `dask worker` started from
    the checkout with one thread per process. Yields (address, the scheduler's process)."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dask = str(Path(sys.executable).with_name("dask"))
    env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0", "PYTHONPATH": str(ROOT)}
    address = f"tcp://127.0.0.1:{port}"
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)]
    try:
        started.append(subprocess.Popen([dask, "worker", address, "--nworkers", "2", "--nthreads", "1",
                                         "--no-dashboard"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True))
        yield address, started[0]
    finally:
        for proc in reversed(started):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for proc in reversed(started):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_a_class_on_a_scheduler_and_workers_started_as_the_readme_says_equals_the_local_run(tmp_path, local,
                                                                                          cluster):
    """The class graded on a scheduler and workers through its tcp:// address equals the local run."""
    address, _ = cluster
    subs, expected = local
    run(subs, tmp_path / "reports", "--dask", address)
    assert results(tmp_path / "reports") == expected


def test_a_scheduler_lost_mid_run_stops_the_run_and_keeps_what_was_graded(tmp_path, cluster):
    """The scheduler killed while students are being graded: no student becomes a grader fault for it. The
    run stops in one line (exit 2) saying how many were graded; their reports stay, and the next run reuses
    them and grades the others."""
    address, scheduler = cluster
    subs = tmp_path / "class"
    subs.mkdir()
    for n in range(12):      # each one runs into its time limit: a few seconds of a worker's time
        shutil.copy(SOL / "mutants" / "infinite_loop_update.py", subs / f"loop{n:02d}.py")
    reports = tmp_path / "reports"
    cli = subprocess.Popen(command(subs, reports, "--dask", address), cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: len(list(reports.glob("*.json"))) >= 2, 120)
        os.killpg(scheduler.pid, signal.SIGKILL)
        out, err = cli.communicate(timeout=180)
    finally:
        if cli.poll() is None:
            cli.kill()
    graded = len(list(reports.glob("*.json")))
    assert cli.returncode == 2, out + err
    assert f"the connection to the scheduler was lost after {graded} of 12 submissions were graded" in err
    assert "grader fault" not in out + err and "Traceback" not in err
    assert 2 <= graded < 12
    again = run(subs, reports, "--jobs", "2")
    assert f"{12 - graded} graded, {graded} reused" in again
