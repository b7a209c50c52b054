"""The student's code in this process, behind the same interface as the grader's sandboxed proxy.

On the student's own machine there is nothing to protect: check.py runs the student's file (or the
notebook's namespace) here.  It still behaves as the sandbox would where a check can tell: each call
has the assignment's time limit (POSIX), arguments and answers cross ``plain.copy`` (so a check sees
exactly the values, types and copies the grader would), printed output is kept aside (a call's warnings
with it, as the sandbox keeps them), and every fault is the same ``StudentFault`` the grader's proxy raises.
"""
from __future__ import annotations

import contextlib
import inspect
import io
import random
import signal
import threading
import types
import warnings as _warnings
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from . import loading, plain
from .faults import NotGradable, StudentBadValue, StudentError, StudentFault, StudentTimeout
from .protocol import (ATTRIBUTE, ATTRIBUTES, SETTING, SETTINGS, TRAINING, LoadReport, calling, defines, naming,
                       once_hung)
from .source import Source


class _Alarm(BaseException):
    """A call ran out of time (a BaseException, so the student's `except Exception` lets it through);
    ``limit`` says which: "cpu" (SIGPROF) or "wall" (SIGALRM)."""

    def __init__(self, limit: str) -> None:
        super().__init__(limit)
        self.limit = limit


@contextlib.contextmanager
def _time_limit(cpu: float | None, wall: float | None):
    """``cpu`` seconds of this process's CPU time, as the grader judges a sandbox's, and ``wall`` seconds of
    real time as the backstop for code that waits (None: none)."""
    if not cpu or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield  # Windows, or not the main thread: no time limit
        return

    def ring(signum, frame):
        raise _Alarm("cpu" if signum == signal.SIGPROF else "wall")

    old = signal.signal(signal.SIGPROF, ring), signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_PROF, cpu)
    if wall:
        signal.setitimer(signal.ITIMER_REAL, wall)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, old[0])
        signal.signal(signal.SIGALRM, old[1])


def _code_files(namespace: dict) -> set[str]:
    """The file names of the code defined in a namespace (a notebook's cells), to find its frames."""
    files = set()
    for value in list(namespace.values()):
        members = vars(value).values() if isinstance(value, type) else [value]
        for member in members:
            member = getattr(member, "__func__", member)
            code = getattr(member, "__code__", None)
            if code is not None:
                files.add(code.co_filename)
    return files


def _warning_texts(caught: list) -> list[str]:
    """A call's warnings as "Category: message", as the sandbox gives them."""
    return [f"{w.category.__name__}: {loading.text_of(w.message)}"[:300] for w in caught[:loading.MAX_WARNINGS]]


class LocalModule:
    """The student's module in this process (``StudentCode``).

    Give it a ``source`` to load (a file), or the ``namespace`` a notebook has already run.
    """

    def __init__(self, source: Source | None = None, call_timeout: float = 5.0, load_timeout: float = 10.0,
                 required: tuple[str, ...] | list[str] = (), namespace: dict | None = None,
                 wall_factor: float | None = None, wall_slack: float = 0.0) -> None:
        self.source, self.namespace = source, namespace
        self.call_timeout, self.load_timeout, self.required = call_timeout, load_timeout, tuple(required)
        self.wall_factor, self.wall_slack = wall_factor, wall_slack  # the grader's Limits, from assignment.json
        self.hung: dict[str, float] = {}
        self.load_report: LoadReport | None = None
        self.module = types.ModuleType("submission")
        self.output = ""
        self.last_warnings: list[str] = []
        self._files: set[str] = {source.filename} if source else set()

    # -- loading ------------------------------------------------------------------------------
    def load(self) -> LoadReport:
        """Runs the file's top level as the sandbox does; raises NotGradable with the grader's reason."""
        if self.namespace is not None:
            self.module.__dict__.update(self.namespace)
            self._files = _code_files(self.namespace)
            self.load_report = LoadReport(sorted(k for k in self.namespace if not k.startswith("_")), [], "full")
        else:
            try:
                self.load_report = self._exec("full")
            except StudentTimeout:
                try:
                    self.load_report = self._exec("defs")
                except StudentFault as exc:
                    raise NotGradable(exc) from None
            except StudentError as exc:
                raise NotGradable(exc) from None
        return defines(self.load_report, self.required)

    def _exec(self, mode: str) -> LoadReport:
        warnings: list[dict] = []

        def noted(exc: BaseException, node) -> None:
            if len(warnings) < loading.MAX_WARNINGS:
                warnings.append(loading.error_record(exc, self._files) | {"line": getattr(node, "lineno", None)})

        try:
            with _time_limit(*self._limits(self.load_timeout)), self._quiet():
                self.module = loading.run_top_level(self.source.text, self.source.filename, mode == "defs", noted,
                                                    caught=(Exception, SystemExit))
        except SyntaxError as exc:
            raise StudentError(type(exc).__name__, exc.msg or "", [], "", exc.lineno,
                               (exc.text or "").rstrip("\n")) from None
        except _Alarm as alarm:
            raise self._timed_out(alarm, self.load_timeout) from None
        return LoadReport(loading.defined_names(self.module), warnings, mode)

    def close(self) -> None:
        """Nothing to stop: the student's code ran in this process."""

    def _limits(self, cpu: float) -> tuple[float, float | None]:
        wall = max(self.wall_factor * cpu, cpu + self.wall_slack) if self.wall_factor else None
        return cpu, wall

    def _timed_out(self, alarm: _Alarm, cpu: float) -> StudentTimeout:
        cpu, wall = self._limits(cpu)
        return StudentTimeout(wall if alarm.limit == "wall" else cpu, limit=alarm.limit)

    # -- running the student's code -----------------------------------------------------------
    @contextlib.contextmanager
    def _quiet(self):
        """What the student's code prints while it is checked is kept aside, not mixed into the checks' lines."""
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                yield
        finally:
            self.output += sink.getvalue()

    def run(self, fn: Callable[[], Any], timeout: float | None = None, plain_value: bool = True,
            numpy_defaults: bool = False) -> Any:
        """Runs ``fn``, a call into the student's code, with the time limit; returns what the sandbox would."""
        seconds = timeout if timeout is not None else self.call_timeout
        self.last_warnings = []
        errors = np.errstate(**loading.NUMPY_DEFAULTS) if numpy_defaults else contextlib.nullcontext()
        caught: list = []
        try:
            with _time_limit(*self._limits(seconds)), self._quiet(), _warnings.catch_warnings(record=True) as caught, \
                    errors:
                _warnings.simplefilter("always")
                value = fn()
        except _Alarm as alarm:
            raise self._timed_out(alarm, seconds) from None
        except (Exception, SystemExit) as exc:
            self.output += "".join(w + "\n" for w in _warning_texts(caught))
            record = loading.error_record(exc, self._files)
            raise StudentError(record["type"], record["message"], record["frames"]) from None
        self.last_warnings = _warning_texts(caught)
        self.output += "".join(w + "\n" for w in self.last_warnings)  # also printed, as the sandbox keeps them
        if not plain_value:
            return value
        try:
            return plain.copy(value)
        except plain.NotPlainData as exc:
            raise StudentBadValue(plain.type_name(value), str(exc)) from None

    def once_hung(self, names):
        return once_hung(self.hung, names)

    def lookup(self, target: Any, name: str, owner: str) -> Any:
        """What the check asks for; a name the code lacks is said as such, as the sandbox says it."""
        try:
            return getattr(target, name)
        except AttributeError:
            if name in dir(target):
                raise
            error = StudentError("AttributeError", f"no {name}", [])
            error.missing, error.missing_in = name, owner
            raise error from None

    def new(self, class_name: str, *args: Any) -> "LocalObject":
        args = plain.copy(list(args))
        with calling(class_name, args, "class"), self.once_hung([class_name]):
            cls = self.lookup(self.module, class_name, "module")
            obj = self.run(lambda: cls(*args), plain_value=False)
        return LocalObject(self, obj, class_name)

    def bare(self, class_name: str) -> "LocalObject":
        """An instance whose __init__ did not run (the check sets every attribute it needs)."""
        cls = self.run(lambda: getattr(self.module, class_name), plain_value=False)
        obj = self.run(lambda: cls.__new__(cls), plain_value=False)
        return LocalObject(self, obj, class_name)

    def seed(self, seed: int) -> None:
        np.random.seed(int(seed))
        random.seed(int(seed))

    def call(self, name: str, *args: Any, timeout: float | None = None, numpy_defaults: bool = False) -> Any:
        args = plain.copy(list(args))
        with calling(name, args, "function"), self.once_hung([name]):
            fn = self.lookup(self.module, name, "module")
            return self.run(lambda: fn(*args), timeout, numpy_defaults=numpy_defaults)

    def call_keeping_args(self, name: str, *args: Any, timeout: float | None = None) -> tuple[Any, list]:
        """The value and the arguments as the call left them, as the grader's proxy gives them."""
        args = plain.copy(list(args))
        with calling(name, args, "function"), self.once_hung([name]):
            fn = self.lookup(self.module, name, "module")
            value = self.run(lambda: fn(*args), timeout)
        return value, plain.copy(args)


@dataclass
class LocalObject:
    """An object of the student's class (``StudentInstance``)."""

    module: LocalModule
    obj: Any
    class_name: str = "object"

    def call(self, name: str, *args: Any, timeout: float | None = None) -> Any:
        args = plain.copy(list(args))
        with calling(name, args, "method"), self.module.once_hung([name]):
            method = self.module.lookup(self.obj, name, type(self.obj).__name__)
            return self.module.run(lambda: method(*args), timeout)

    def run(self, name: str, *args: Any, timeout: float | None = None) -> None:
        """The method called for its effect, whatever it returns (as the grader's proxy does)."""
        args = plain.copy(list(args))
        with calling(name, args, "method"), self.module.once_hung([name]):
            method = self.module.lookup(self.obj, name, type(self.obj).__name__)
            self.module.run(lambda: method(*args), timeout, plain_value=False)

    def call_keeping_args(self, name: str, *args: Any, timeout: float | None = None) -> tuple[Any, list]:
        args = plain.copy(list(args))
        with calling(name, args, "method"), self.module.once_hung([name]):
            method = self.module.lookup(self.obj, name, type(self.obj).__name__)
            value = self.module.run(lambda: method(*args), timeout)
        return value, plain.copy(args)

    def signature(self, name: str) -> list[str]:
        return self.module.run(lambda: [p.name for p in inspect.signature(getattr(self.obj, name)).parameters.values()])

    def get(self, name: str) -> Any:
        with naming(ATTRIBUTE.format(names=name)):
            return self.module.run(lambda: getattr(self.obj, name))

    def get_many(self, names: tuple[str, ...] | list[str]) -> dict[str, Any]:
        with naming(ATTRIBUTES.format(names=", ".join(names))):
            return self.module.run(lambda: {n: getattr(self.obj, n) for n in names})

    def set(self, name: str, value: Any) -> None:
        value = plain.copy(value)
        with naming(SETTING.format(names=name)):
            self.module.run(lambda: setattr(self.obj, name, value))

    def set_many(self, values: dict[str, Any]) -> None:
        values = plain.copy(values)

        def assign() -> None:
            for k, v in values.items():
                setattr(self.obj, k, v)

        with naming(SETTINGS.format(names=", ".join(values))):
            self.module.run(assign)

    def repeat(self, calls: list[tuple[str, list]], times: int, record: int | None = None,
               record_every: int = 1, collect: tuple[str, ...] = (), timeout: float | None = None) -> dict:
        plain_calls = plain.copy([[n, list(a)] for n, a in calls])

        def loop() -> dict:
            kept = []
            for i in range(int(times)):
                for j, (name, args) in enumerate(plain_calls):
                    value = getattr(self.obj, name)(*args)
                    if j == record and (i % max(1, record_every) == 0 or i == times - 1):
                        kept.append(np.array(value, dtype=float))
            return {"recorded": kept, "final": {n: getattr(self.obj, n, None) for n in collect}}

        with naming(TRAINING.format(times=times)), self.module.once_hung([n for n, _ in calls]):
            return self.module.run(loop, timeout)

