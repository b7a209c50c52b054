"""The student's code as a check sees it: one interface, two implementations.

A check (hidden or public) is written against ``StudentCode`` and ``StudentInstance``: it creates
objects, calls functions and methods, reads and sets attributes, and gets back plain data (numbers,
strings, lists, dicts and numeric arrays) or a ``StudentFault``.  The grader implements them with a
proxy to a sandboxed process (``grader/sandbox/proxy.py``); check.py with the student's code in its
own process (``local.py``).  What both share (how a call is named in feedback, how a method that hung
once is not called again, how arguments are shown) lives here.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Protocol

from .faults import NotGradable, StudentFault, StudentTimeout
from .text import Text


@dataclass
class LoadReport:
    """What loading the source did: the names it defined, top-level statements that failed."""

    names: list[str]
    warnings: list[dict]
    mode: str  # "full", or "defs" when running the whole file timed out


def defines(report: LoadReport, required: tuple[str, ...]) -> LoadReport:
    """The load report, if the file defines every required name; else NotGradable naming the missing ones."""
    missing = tuple(n for n in required if n not in report.names)
    if missing:
        raise NotGradable(missing=missing)
    return report


class StudentInstance(Protocol):
    """An object of the student's class."""

    def call(self, name: str, *args: Any, timeout: float | None = None, numpy_defaults: bool = False) -> Any: ...
    def run(self, name: str, *args: Any, timeout: float | None = None) -> None: ...
    def call_keeping_args(self, name: str, *args: Any, timeout: float | None = None) -> tuple[Any, list]: ...
    def signature(self, name: str) -> list[str]: ...
    def get(self, name: str) -> Any: ...
    def get_many(self, names: tuple[str, ...] | list[str]) -> dict[str, Any]: ...
    def set(self, name: str, value: Any) -> None: ...
    def set_many(self, values: dict[str, Any]) -> None: ...
    def repeat(self, calls: list[tuple[str, list]], times: int, record: int | None = None, record_every: int = 1,
               collect: tuple[str, ...] = (), timeout: float | None = None) -> dict: ...


class StudentCode(Protocol):
    """The student's module: what the ``student`` fixture of a check is."""

    load_report: LoadReport | None
    output: str                 # what the code printed so far (capped)
    last_warnings: list         # warnings the last call raised, as "Category: message"
    hung: dict[str, float]      # method -> seconds it ran before it was stopped

    def load(self) -> LoadReport: ...
    def new(self, class_name: str, *args: Any) -> StudentInstance: ...
    def bare(self, class_name: str) -> StudentInstance: ...
    def seed(self, seed: int) -> None: ...
    def call(self, name: str, *args: Any, timeout: float | None = None, numpy_defaults: bool = False) -> Any:
        """``numpy_defaults``: numpy's own floating-point handling for the call (overflow warns), whatever
        the file set with np.seterr at import."""
    def call_keeping_args(self, name: str, *args: Any, timeout: float | None = None) -> tuple[Any, list]: ...
    def once_hung(self, names: list[str] | tuple[str, ...]): ...
    def close(self) -> None: ...


def describe_args(args: tuple | list, lang: str = "en") -> str:
    """Arguments as a student would recognise them: arrays by shape, small values as written."""
    import numpy as np

    parts = []
    for a in args:
        if isinstance(a, np.ndarray):
            shown = f"shape {tuple(a.shape)}인 배열" if lang == "ko" else f"array of shape {tuple(a.shape)}"
            parts.append(shown if a.ndim else repr(float(a)))
        else:
            text = repr(a)
            parts.append(text if len(text) <= 40 else text[:37] + "...")
    return ", ".join(parts)


@contextmanager
def naming(call: Text, kind: str = "") -> Iterator[None]:
    """A StudentFault raised inside says which call caused it (the innermost name wins), and whether that
    was a function, a method or a class (so a hint says "function" of a module-level function)."""
    try:
        yield
    except StudentFault as exc:
        if exc.call is None:
            exc.call, exc.call_kind = call, kind
        raise


def calling(name: str, args: tuple | list, kind: str):
    return naming(Text(f"{name}({describe_args(args)})", f"{name}({describe_args(args, 'ko')})"), kind)


@contextmanager
def once_hung(hung: dict[str, float], names: tuple[str, ...] | list[str]) -> Iterator[None]:
    """A time-out already spent on one of these methods is not spent again (a class stays fast): the call
    fails at once, saying which method hung earlier."""
    for name in names:
        if name in hung:
            raise StudentTimeout(hung[name], earlier=name)
    try:
        yield
    except StudentTimeout as exc:
        if not exc.earlier and len(names) == 1:
            hung[names[0]] = exc.seconds
        raise


ATTRIBUTE = Text("reading the attribute {names}", "속성 {names} 읽기")
ATTRIBUTES = Text("reading the attributes {names}", "속성 {names} 읽기")
SETTING = Text("setting the attribute {names}", "속성 {names} 설정")
SETTINGS = Text("setting the attributes {names}", "속성 {names} 설정")
TRAINING = Text("a training loop of {times} iterations", "{times}회 반복하는 학습 루프")
