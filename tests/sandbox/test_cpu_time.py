"""A call's time limit is CPU time, measured by the grader; real time is only the backstop.

The same grade under any load (issue 12): a correct but slow call passes while other processes keep
every core busy; an endless loop ends as a CPU time-out, a sleep at the real-time bound, and the report
says which.  CPU time burnt by the student's children counts, whether they are still running, ended and
reaped by the student's process, ended and never reaped, or orphaned and reaped by the sandbox's init or
its supervisor.  Student code is in ``tests/sandbox/cpu_time/``.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import ROOT, wait_for
from grader.feedback.faults import StudentTimeout
from grader.feedback.source import extract
from grader.feedback.wording import describe_fault
from grader.sandbox import Limits, Sandbox, StudentModule
from grader.sandbox._inside import tree

HERE = Path(__file__).with_name("cpu_time")
CALLS = (HERE / "spinner_calls.py").read_text("utf-8")
CORES = os.cpu_count() or 1


@contextmanager
def busy_machine(count: int | None = None):
    """CPU spinners, each in a session of its own (with autogroup scheduling a session is a group: one
    group of them would get no more than another process), until the block ends."""
    count = count or min(2 * CORES, 16)
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
                for _ in range(count)]
    try:
        def spinning() -> bool:
            return all(_cpu_ticks(p.pid) > 0 for p in spinners)
        assert wait_for(spinning, seconds=10), "the spinners did not start"
        yield spinners
    finally:
        for p in spinners:
            p.kill()
        for p in spinners:
            p.wait()


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


@contextmanager
def sandbox(limits: Limits, disable: tuple[str, ...] = (), confine: bool = True, fork_server: bool = True):
    sb = Sandbox(limits, disable=disable, confine=confine, fork_server=fork_server)
    sb.start()
    try:
        sb.request("load", source=CALLS, filename="spinner_calls.py")
        yield sb
    finally:
        sb.close()


def timed_out(sb: Sandbox, name: str, *args) -> tuple[StudentTimeout, float]:
    t = time.monotonic()
    with pytest.raises(StudentTimeout) as info:
        sb.request("call", name=name, args=list(args))
    return info.value, time.monotonic() - t


# -- the rule ------------------------------------------------------------------------------------------
def test_the_real_time_bound_is_several_times_looser_than_the_cpu_limit():
    limits = Limits()
    assert limits.wall_seconds(2) == 12       # the neural network's call limit: 4 x 2 s is less than 2 + 10 s
    assert limits.wall_seconds(0.5) == 10.5
    assert limits.wall_seconds(5) == 20       # a training chunk: 4 x 5 s
    assert limits.wall_seconds(10) == 40      # loading a file
    assert Limits(wall_factor=2, wall_slack=1).wall_seconds(3) == 6


# -- load does not change a verdict --------------------------------------------------------------------
def test_a_slow_correct_call_passes_while_every_core_is_busy():
    """1.2 s of CPU time under a 2 s limit, with twice as many spinners as cores: the call takes longer
    than 2 s of real time (a wall-clock limit would have failed it) and passes."""
    with sandbox(Limits(call_timeout=2)) as sb, busy_machine():
        t = time.monotonic()
        cpu, _ = sb.request("call", name="spin", args=[1.2])
        took = time.monotonic() - t
    assert cpu >= 1.2
    if CORES <= 8:  # 2 x CORES spinners: the call gets about half a core
        assert took > 2.0, f"the spinners did not slow the call down ({took:.2f} s): the test shows nothing"


def test_each_call_is_judged_on_its_own_cpu_time():
    """Three calls of 0.3 s under a 0.5 s limit: what earlier calls used is not charged to the next one."""
    with sandbox(Limits(call_timeout=0.5)) as sb:
        for _ in range(3):
            cpu, _ = sb.request("call", name="spin", args=[0.3])
            assert cpu >= 0.3


# -- which limit ends a call ---------------------------------------------------------------------------
@pytest.mark.parametrize("confine,fork_server", [(True, True), (True, False), (False, True)],
                         ids=["forked", "fresh interpreter", "unconfined"])
def test_an_endless_loop_ends_when_its_cpu_time_is_used_up(confine, fork_server):
    """Whether the sandbox was forked from the fork server or started as a fresh interpreter, and in an
    unconfined sandbox, where the process the grader started is the student's own (no supervisor)."""
    with sandbox(Limits(call_timeout=0.5), confine=confine, fork_server=fork_server) as sb:
        assert sb.launcher == ("fork server" if fork_server else "fresh interpreter")
        exc, took = timed_out(sb, "forever")
        assert not sb.alive
    assert (exc.limit, exc.seconds) == ("cpu", 0.5)
    assert 0.5 <= took < Limits().wall_seconds(0.5)


def test_a_sleep_ends_at_the_real_time_bound_and_says_so():
    limits = Limits(call_timeout=0.25, wall_factor=4, wall_slack=0.5)  # a 1 s bound keeps the test short
    with sandbox(limits) as sb:
        exc, took = timed_out(sb, "sleep")
        assert not sb.alive
    assert (exc.limit, exc.seconds) == ("wall", 1.0)
    assert 1.0 <= took < 3.0


def test_the_report_says_which_limit_ended_the_call():
    source = extract(ROOT / "tests" / "sandbox" / "cpu_time" / "spinner_calls.py")
    for limit, seconds, en, ko in (
            ("cpu", 2, "Timed out: your code used up its 2 s of CPU time. Is there an endless loop?",
             "시간 초과: 허용된 CPU 시간 2초를 다 썼습니다. 끝나지 않는 반복문이 있지 않나요?"),
            ("wall", 12, "Timed out: your code had still not finished after 12 s of real time. Is it waiting for "
                         "something or sleeping? Is there an endless loop?",
             "시간 초과: 실제 시간으로 12초가 지나도록 끝나지 않았습니다. 무언가를 기다리거나 잠들어 있지 않나요? "
             "끝나지 않는 반복문은 없나요?")):
        text, fault, details = describe_fault(StudentTimeout(seconds, limit=limit), source)
        assert (text.en, text.ko) == (en, ko)
        assert fault == "timeout" and (details["limit"], details["limit_seconds"]) == (limit, seconds)


# -- children --------------------------------------------------------------------------------------
# Each call makes 2.4 s of CPU time in processes other than the student's own, which then sleeps: only
# their CPU time, counted, ends the call (at 0.5 s) before the 4 s real-time bound.
CHILD_LIMITS = Limits(call_timeout=0.5, wall_factor=8, wall_slack=1)


@pytest.mark.parametrize("how,args", [("children_waited", [120, 0.02]), ("children_never_waited", [12, 0.2])])
def test_cpu_time_of_children_that_ended_counts(how, args):
    with sandbox(CHILD_LIMITS) as sb:
        exc, took = timed_out(sb, how, *args)
    assert exc.limit == "cpu", f"{how}: the children's CPU time was not counted ({took:.1f} s)"


@pytest.mark.parametrize("disable", [(), ("pid namespace",)], ids=["reaped by init", "reaped by the supervisor"])
def test_cpu_time_of_orphans_counts(disable):
    """Grandchildren whose parent exited are reaped by the PID namespace's init, or without one by the
    supervisor as their subreaper: their CPU time is in that process's cutime."""
    with sandbox(CHILD_LIMITS, disable) as sb:
        if disable:
            assert not sb.protections.get("pid namespace")
        exc, took = timed_out(sb, "children_orphaned", 120, 0.02)
    assert exc.limit == "cpu", f"the orphans' CPU time was not counted ({took:.1f} s)"


def test_a_fork_bomb_of_spinners_is_stopped_by_its_cpu_time():
    """Up to the process limit of children that fork again and spin, while the student's own process
    sleeps: their CPU time together ends the call, long before the real-time bound."""
    with sandbox(CHILD_LIMITS) as sb:
        exc, took = timed_out(sb, "fork_bomb")
    assert exc.limit == "cpu" and took < 3.0, (exc.limit, took)


def test_the_meter_counts_a_tree_it_did_not_start_with():
    """tree.CpuMeter on a process of the test's own: a child that appears after the baseline, spins and is
    reaped is counted once (in this process's cutime, seen by a new walk); while nothing changes, the
    files kept open give the same sum again."""
    code = "import os, time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\n"
    meter = tree.CpuMeter(os.getpid())
    try:
        base = meter.ticks()
        child = subprocess.Popen([sys.executable, "-c", code])
        assert meter.ticks() >= base  # the tree changed: walked again
        child.wait()                  # reaped by this process: its time is in our cutime now
        used = (meter.ticks() - base) / tree.TICKS
        assert 0.3 <= used < 0.6, used
        assert meter.ticks() == meter.ticks()  # nothing changed: the open files agree with themselves
    finally:
        meter.close()


# -- load and training follow the same rule ------------------------------------------------------------
@pytest.mark.parametrize("name,limit", [("top_level_spin", "cpu"), ("top_level_sleep", "wall")])
def test_a_top_level_that_never_ends_is_loaded_with_its_definitions_only(name, limit):
    source = (HERE / f"{name}.py").read_text("utf-8")
    seen: list[StudentTimeout] = []

    class Watched(Sandbox):
        def request(self, op, timeout=None, **fields):
            try:
                return super().request(op, timeout=timeout, **fields)
            except StudentTimeout as exc:
                seen.append(exc)
                raise

    limits = Limits(call_timeout=1, wall_factor=5, wall_slack=0)  # load: 0.3 s of CPU, 1.5 s of real time
    module = StudentModule(source, f"{name}.py", limits, load_timeout=0.3, sandbox_factory=lambda lim: Watched(lim))
    try:
        report = module.load()
        assert report.mode == "defs"
        assert module.call("answer") == 42
    finally:
        module.close()
    assert [(e.limit, e.seconds) for e in seen] == [(limit, 0.3 if limit == "cpu" else 1.5)]


def test_a_training_loop_is_judged_on_its_cpu_time():
    """``repeat`` with its own time limit: 10 steps of 0.02 s pass under a 0.5 s limit, 100 do not."""
    module = StudentModule(CALLS, "spinner_calls.py", Limits(call_timeout=0.1))
    try:
        module.load()
        trainer = module.new("Trainer", 0.02)
        done = trainer.repeat([("train_step", [])], times=10, collect=("steps",), timeout=0.5)
        assert done["final"]["steps"] == 10
        with pytest.raises(StudentTimeout) as info:
            trainer.repeat([("train_step", [])], times=100, timeout=0.5)
        assert (info.value.limit, info.value.seconds) == ("cpu", 0.5)
    finally:
        module.close()
