"""The stand-in for the student's module that the hidden checks call (``feedback.protocol.StudentCode``).

A check writes ``net = student.new("NeuralNetwork", [4, 3, 2, 1])`` and ``net.call("forward", X)``;
each call is a request to the sandbox and comes back as plain data or a ``StudentFault``.  After a
time-out or a crash the sandbox is gone; the next call starts a fresh one and loads the source again,
so one runaway check never costs the student the others.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..feedback import loading
from ..feedback.faults import NotGradable, StudentBadValue, StudentCrashed, StudentFault, StudentTimeout
from ..feedback.protocol import (ATTRIBUTE, ATTRIBUTES, SETTING, SETTINGS, TRAINING, LoadReport, calling, defines,
                                 naming, once_hung)
from .client import Sandbox
from .wire import Limits


def shaped(value: Any, kind: type, what: str) -> Any:
    """A structured reply of the sandbox, checked: the process answering runs student code."""
    if not isinstance(value, kind):
        raise StudentBadValue(type(value).__name__, f"the reply to {what} was tampered with")
    return value


def _handle(value: Any) -> int:
    handle = shaped(value, dict, "creating an object").get("handle")
    if not isinstance(handle, int) or isinstance(handle, bool):
        raise StudentBadValue(type(handle).__name__, "the reply to creating an object was tampered with")
    return handle


@dataclass
class StudentModule:
    source: str
    filename: str
    limits: Limits = field(default_factory=Limits)
    load_timeout: float = 10.0
    required: tuple[str, ...] = ()
    sandbox_factory: Callable[[Limits], Sandbox] = lambda limits: Sandbox(limits)
    sandbox: Sandbox | None = None
    load_report: LoadReport | None = None
    starts: int = 0
    protections: dict[str, Any] = field(default_factory=dict)
    output: str = ""  # everything the student's code printed, capped
    _kept: str = ""
    _dropped: int = 0
    last_warnings: list = field(default_factory=list)  # warnings the last request raised in the sandbox
    hung: dict[str, float] = field(default_factory=dict)  # method -> seconds it ran before being stopped

    def _fresh(self) -> Sandbox:
        if self.sandbox is not None and self.sandbox.alive:
            return self.sandbox
        if self.sandbox is not None:
            self.sandbox.close()
        if self.starts >= MAX_STARTS:  # a process that keeps dying would cost every check a reload
            raise StudentCrashed(None, "", f"the student's process ended {self.starts} times; it is not started again")
        sb = self.sandbox = self.sandbox_factory(self.limits)  # held at once: close() ends it, whatever fails
        sb.start()
        self.starts += 1
        self.protections = sb.protections
        mode = self.load_report.mode if self.load_report else "full"
        try:
            value = sb.request("load", timeout=self.load_timeout, source=self.source,
                               filename=self.filename, mode=mode)
        except StudentTimeout:
            if mode == "defs":
                raise
            sb.close()
            sb = self.sandbox = self.sandbox_factory(self.limits)  # too long at top level: definitions only
            sb.start()
            mode = "defs"
            value = sb.request("load", timeout=self.load_timeout, source=self.source,
                               filename=self.filename, mode=mode)
        if self.load_report is None:
            self._keep_output(sb.last_output, sb.last_dropped)
            names, warnings = shaped(value, dict, "loading the file").get("names"), value.get("warnings")
            if not isinstance(names, list) or not isinstance(warnings, list):
                raise StudentBadValue(type(value).__name__, "the reply to loading the file was tampered with")
            self.load_report = LoadReport([str(n) for n in names],
                                          _load_warnings(warnings), mode)
        return sb

    def load(self) -> LoadReport:
        """Loads the source once, up front; raises NotGradable with the reason a TA would want."""
        try:
            self._fresh()
        except StudentFault as exc:
            raise NotGradable(exc) from None
        return defines(self.load_report, self.required)

    def request(self, op: str, timeout: float | None = None, **fields: Any) -> Any:
        sb = self._fresh()
        self.last_warnings = []
        try:
            return sb.request(op, timeout=timeout, **fields)
        finally:
            self._keep_output(sb.last_output, sb.last_dropped)
            self.last_warnings = list(sb.last_warnings)

    def _keep_output(self, text: str, dropped: int = 0, cap: int = 64 * 1024) -> None:
        """Appends what a reply said was printed, keeping the first ``cap`` characters and counting the rest:
        those the sandbox already left out (``dropped``) and those over the cap here."""
        room = max(cap - len(self._kept), 0)
        self._kept += text[:room]
        self._dropped += dropped + max(len(text) - room, 0)
        self.output = self._kept + (f"\n[... {self._dropped} more characters of output not kept]" if self._dropped else "")

    def once_hung(self, names: list[str] | tuple[str, ...]):
        """A time-out already spent on one of these methods is not spent again (a class stays fast)."""
        return once_hung(self.hung, names)

    def new(self, class_name: str, *args: Any) -> "StudentObject":
        with calling(class_name, args, "class"), self.once_hung([class_name]):
            value = self.request("new", name=class_name, args=list(args))
        return StudentObject(self, _handle(value), self.starts, class_name)

    def bare(self, class_name: str) -> "StudentObject":
        """An instance whose __init__ did not run (the check sets every attribute it needs)."""
        value = self.request("bare", name=class_name)
        return StudentObject(self, _handle(value), self.starts, class_name)

    def seed(self, seed: int) -> None:
        self.request("seed", seed=seed)

    def call(self, name: str, *args: Any, timeout: float | None = None, numpy_defaults: bool = False) -> Any:
        with calling(name, args, "function"), self.once_hung([name]):
            return self.request("call", handle=None, name=name, args=list(args), timeout=timeout,
                                numpy_defaults=numpy_defaults)

    def call_keeping_args(self, name: str, *args: Any, timeout: float | None = None) -> tuple[Any, list]:
        """``name(*args)`` and the arguments as the call left them (a function that changes its input in
        place, ``z[z < 0] *= alpha``, is seen: the grader's own copies never change)."""
        with calling(name, args, "function"), self.once_hung([name]):
            value = self.request("call", handle=None, name=name, args=list(args), timeout=timeout, echo_args=True)
        return _echoed(value, len(args))

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.close()
            self.sandbox = None


MAX_STARTS = 8  # sandboxes per submission: the first, and seven more after crashes (each check that crashes costs one)


def _load_warnings(raw: list) -> list[dict]:
    """The top-level errors the sandbox says loading met, as plain, bounded records: a forged one (a
    string for a line number, a megabyte of message) must neither crash the grader nor bloat a report."""
    out = []
    for w in raw[:loading.MAX_WARNINGS]:
        if not isinstance(w, dict):
            continue
        line = w.get("line")
        out.append({"type": str(w.get("type", "Exception"))[:200], "message": str(w.get("message", ""))[:2000],
                    "line": line if type(line) is int and line > 0 else None})
    return out


def _echoed(reply: Any, n_args: int) -> tuple[Any, list]:
    if not (isinstance(reply, dict) and set(reply) == {"value", "args"} and isinstance(reply["args"], list)
            and len(reply["args"]) == n_args):
        raise StudentBadValue(type(reply).__name__, "the reply to the call was tampered with")
    return reply["value"], reply["args"]


@dataclass
class StudentObject:
    """A handle on an object living in the sandbox (valid only in the sandbox that made it)."""

    module: StudentModule
    handle: int
    generation: int
    class_name: str = "object"

    def _request(self, op: str, timeout: float | None = None, **fields: Any) -> Any:
        if self.module.starts != self.generation or self.module.sandbox is None or not self.module.sandbox.alive:
            raise StudentCrashed(None, "", "the object was lost when the student's process ended earlier")
        return self.module.request(op, handle=self.handle, timeout=timeout, **fields)

    def call(self, name: str, *args: Any, timeout: float | None = None, numpy_defaults: bool = False) -> Any:
        with calling(name, args, "method"), self.module.once_hung([name]):
            return self._request("call", name=name, args=list(args), timeout=timeout, numpy_defaults=numpy_defaults)

    def run(self, name: str, *args: Any, timeout: float | None = None) -> None:
        """Calls the method for what it does, not for what it returns: a value that could not cross the
        pipe (``return self`` from update, say) is not a fault here."""
        with calling(name, args, "method"), self.module.once_hung([name]):
            self._request("call", name=name, args=list(args), timeout=timeout, discard=True)

    def call_keeping_args(self, name: str, *args: Any, timeout: float | None = None) -> tuple[Any, list]:
        """The method's value and its arguments as the call left them (see ``StudentModule``)."""
        with calling(name, args, "method"), self.module.once_hung([name]):
            value = self._request("call", name=name, args=list(args), timeout=timeout, echo_args=True)
        return _echoed(value, len(args))

    def signature(self, name: str) -> list[str]:
        names = self._request("signature", name=name)
        return [str(n) for n in names] if isinstance(names, list) else []

    def get(self, name: str) -> Any:
        with naming(ATTRIBUTE.format(names=name)):
            return self._request("get", name=name)

    def get_many(self, names: tuple[str, ...] | list[str]) -> dict[str, Any]:
        """Attributes by name in one request; a missing one fails the whole read, like ``get``."""
        with naming(ATTRIBUTES.format(names=", ".join(names))):
            value = self._request("get_many", names=list(names))
        if not isinstance(value, dict) or set(value) != set(names):
            raise StudentBadValue(type(value).__name__, "the reply to reading attributes was tampered with")
        return value

    def set_many(self, values: dict[str, Any]) -> None:
        """Attributes in one request, in the order given."""
        with naming(SETTINGS.format(names=", ".join(values))):
            self._request("set_many", values=[[k, v] for k, v in values.items()])

    def set(self, name: str, value: Any) -> None:
        with naming(SETTING.format(names=name)):
            self._request("set", name=name, value=value)

    def repeat(self, calls: list[tuple[str, list]], times: int, record: int | None = None,
               record_every: int = 1, collect: tuple[str, ...] = (), timeout: float | None = None) -> dict:
        with naming(TRAINING.format(times=times)), self.module.once_hung([n for n, _ in calls]):
            value = self._request("repeat", calls=[[n, list(a)] for n, a in calls], times=times, record=record,
                                  record_every=record_every, collect=list(collect), timeout=timeout)
        if not (isinstance(value, dict) and isinstance(value.get("recorded"), list)
                and isinstance(value.get("final"), dict)):
            raise StudentBadValue(type(value).__name__, "the reply to the training loop was tampered with")
        return value
