"""The hidden checks run against a submission in this process: no sandbox, no pipe, no reports.

``InProcessModule`` stands in for ``grader.sandbox.StudentModule`` with the methods the checks call
(``new``, ``bare``, ``seed``, ``call``; objects with ``call``/``get``/``set``/``repeat``/``signature``)
and answers them with the sandbox's request server (``grader/sandbox/_inside/server.py``) called directly.  Arguments and results are deep-copied,
as the pipe copies them; each call has the grader's time limit (an interval timer) and a method that ran
out of time is not called again, as in the proxy.  (The timer: ``_Alarm``.)  Timing ``load`` + ``run_checks`` with it gives the
checks' own compute: what grading would cost if a sandbox, its start-up and its pipe were free.

Run as a script it times the files it is given, one JSON line each (the benchmark runs it in a child
process, so a submission that exits or crashes costs only its own line):

    python bench/inprocess.py ROOT ASSIGNMENT REPEATS FILE...
"""
from __future__ import annotations

import copy
import ctypes
import io
import json
import sys
import threading
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class _Expired(BaseException):
    """Raised by the interval timer inside the student's code (not an Exception: it must get out)."""


class _Alarm:
    """Raises ``_Expired`` in the calling thread after ``seconds``.  The checks run in the thread of a
    long-lived pytest session (``grader.runner``), which no signal handler reaches, so the timer sets an
    asynchronous exception in that thread instead (checked between bytecodes, as a signal would be)."""

    def __init__(self, seconds: float) -> None:
        self.tid, self.lock, self.armed, self.fired = threading.get_ident(), threading.Lock(), True, False
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self) -> None:
        with self.lock:
            if self.armed:
                self.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.tid), ctypes.py_object(_Expired))

    def disarm(self) -> None:
        self.timer.cancel()
        with self.lock:
            self.armed = False
            if self.fired:  # fired as the call ended: what has not been raised yet never will be
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.tid), None)


@dataclass
class InProcessObject:
    module: "InProcessModule"
    handle: int

    def call(self, name: str, *args: Any, timeout: float | None = None) -> Any:
        return self.module.ask("call", [name], timeout, handle=self.handle, name=name, args=list(args))

    def run(self, name: str, *args: Any, timeout: float | None = None) -> None:
        self.module.ask("call", [name], timeout, handle=self.handle, name=name, args=list(args), discard=True)

    def get(self, name: str) -> Any:
        return self.module.ask("get", [], None, handle=self.handle, name=name)

    def set(self, name: str, value: Any) -> None:
        self.module.ask("set", [], None, handle=self.handle, name=name, value=value)

    def get_many(self, names) -> dict:
        return self.module.ask("get_many", [], None, handle=self.handle, names=list(names))

    def set_many(self, values: dict) -> None:
        self.module.ask("set_many", [], None, handle=self.handle, values=[[k, v] for k, v in values.items()])

    def signature(self, name: str) -> list[str]:
        names = self.module.ask("signature", [], None, handle=self.handle, name=name)
        return [str(n) for n in names] if isinstance(names, list) else []

    def repeat(self, calls, times, record=None, record_every=1, collect=(), timeout=None) -> dict:
        return self.module.ask("repeat", [n for n, _ in calls], timeout, handle=self.handle,
                               calls=[[n, list(a)] for n, a in calls], times=times, record=record,
                               record_every=record_every, collect=list(collect))


@dataclass
class InProcessModule:
    source: str
    filename: str
    call_timeout: float = 5.0
    load_timeout: float = 10.0
    server: Any = None
    protections: dict = field(default_factory=dict)
    output: str = ""
    hung: dict = field(default_factory=dict)
    load_report: Any = None  # (StudentCode) the checks' feedback looks here for lines that failed to load

    def __post_init__(self) -> None:
        from grader.sandbox._inside import server
        from grader.sandbox.wire import Limits

        server.prepare()  # numpy and the codec, as the sandbox has them before any request
        self.server = server.Server(Limits(call_timeout=self.call_timeout))

    def ask(self, op: str, methods: list[str], timeout: float | None, **req: Any) -> Any:
        from grader.feedback.faults import StudentError, StudentTimeout

        for name in methods:
            if name in self.hung:
                raise StudentTimeout(self.hung[name], earlier=name)
        limit = timeout if timeout is not None else self.call_timeout
        alarm = _Alarm(limit)
        try:
            value = getattr(self.server, "op_" + op)(copy.deepcopy(req))
        except _Expired:
            if len(methods) == 1:
                self.hung[methods[0]] = limit
            raise StudentTimeout(limit) from None
        except (Exception, SystemExit, KeyboardInterrupt) as exc:  # the student's, as the sandbox reports it
            err = self.server.error(exc)
            raise StudentError(err["type"], err["message"], err["frames"], "", err.get("line")) from None
        finally:
            alarm.disarm()
        return copy.deepcopy(value)

    def load(self) -> dict:
        return self.ask("load", [], self.load_timeout, source=self.source, filename=self.filename, mode="full")

    def new(self, class_name: str, *args: Any) -> InProcessObject:
        return InProcessObject(self, self.ask("new", [class_name], None, name=class_name, args=list(args))["handle"])

    def bare(self, class_name: str) -> InProcessObject:
        return InProcessObject(self, self.ask("bare", [], None, name=class_name)["handle"])

    def seed(self, seed: int) -> None:
        self.ask("seed", [], None, seed=seed)

    def call(self, name: str, *args: Any, timeout: float | None = None) -> Any:
        return self.ask("call", [name], timeout, handle=None, name=name, args=list(args))

    def call_keeping_args(self, name: str, *args: Any, timeout: float | None = None) -> tuple[Any, list]:
        reply = self.ask("call", [name], timeout, handle=None, name=name, args=list(args), echo_args=True)
        return reply["value"], reply["args"]

    def close(self) -> None:
        pass


def time_file(assignment, path: Path, repeats: int) -> dict:
    """load + run_checks on ``path`` in this process: the median of ``repeats`` runs, and its outcomes."""
    from grader.feedback.faults import StudentFault
    from grader.feedback.source import extract
    from grader.runner import run_checks

    source = extract(path)
    walls, bodies, outcomes, loaded = [], [], {}, True
    for _ in range(repeats):
        module = InProcessModule(source.text, source.filename, assignment.limits.call_timeout,
                                 assignment.load_timeout)
        start = time.perf_counter()
        try:
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                module.load()
            outcomes = run_checks(assignment.hidden, module, source, assignment.params)
        except StudentFault:  # not gradable (a syntax error, say): loading was all the work there was
            loaded, outcomes = False, {}
        walls.append(time.perf_counter() - start)
        bodies.append(sum(o.seconds for o in outcomes.values()))
    order = sorted(range(repeats), key=walls.__getitem__)
    mid = order[len(order) // 2]
    return {"file": str(path), "seconds": walls[mid], "check_bodies": bodies[mid], "loaded": loaded,
            "passed": sum(o.passed for o in outcomes.values()), "checks": len(outcomes),
            "timeouts": sum(o.fault is not None and o.fault.value == "timeout" for o in outcomes.values())}


def main(argv: list[str]) -> None:
    root, name, repeats, files = Path(argv[0]), argv[1], int(argv[2]), argv[3:]
    sys.path.insert(0, str(root))
    from grader import assignment as assignment_mod

    a = assignment_mod.load(root / "assignments" / name)
    warm = root / "solutions" / name / f"{name}.py"
    time_file(a, warm, 1)  # imports the checks, warms numpy and pytest up
    for f in files:
        print(json.dumps(time_file(a, Path(f), repeats)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
