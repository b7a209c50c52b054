"""What the student's code can do wrong besides giving a wrong answer, as exception types.

::

    Exception
     ├─ StudentFault          the student's code, not the grader, went wrong: fails the check in hand
     │   ├─ StudentError      it raised an exception        raised by the proxy (from the sandbox's reply) and
     │   │                                                   by LocalModule (check.py, in the student's process)
     │   ├─ StudentTimeout    a call ran past its limit     raised by Sandbox (CPU time, or the real-time
     │   │                    (``limit``: cpu or wall)      backstop) and LocalModule (SIGALRM: real time);
     │   │                                                   ``earlier`` when a method that hung in an earlier
     │   │                                                   check was not called again
     │   ├─ StudentCrashed    the process ended, or broke   raised by Sandbox (EOF, a forged or oversized reply)
     │   │                    the protocol                  and StudentModule (too many restarts, a lost object)
     │   └─ StudentBadValue   a value that is not plain     raised by Sandbox (the sandbox could not send it),
     │                        numeric data                  the proxy (a reply of the wrong shape) and
     │                                                      LocalModule (``plain.copy`` refused it)
     └─ NotGradable           nothing can be graded: a      raised by ``load()`` of StudentModule and LocalModule;
                              syntax error, a missing name,  ``fault`` is the StudentFault that stopped loading,
                              a file that never loads        ``missing`` the required names it lacks

A StudentFault becomes an ``Outcome`` in ``outcome.judge`` (its words from ``wording.describe_fault``),
the same way for the hidden checks (``grader/runner.py``) and for ``check.py`` (``selfcheck.py``).  A
NotGradable becomes the report's problem in ``wording.load_problem``, again for both.  Whoever makes a
call names it (``call``); a check that recognises a likely mistake behind an exception says so
(``hint``); neither is attached after the fact.
"""
from __future__ import annotations

import signal
from typing import Literal

from .text import Text

try:
    from enum import StrEnum
except ImportError:  # Python < 3.11, on a student's machine (check.py runs from 3.9 on)
    from enum import Enum

    class StrEnum(str, Enum):  # type: ignore[no-redef]
        __str__ = str.__str__


class Fault(StrEnum):
    """Why a failed check failed, beyond a wrong answer."""

    WRONG = "wrong"          # the answer was checked and is wrong
    ERROR = "error"          # the student's code raised
    TIMEOUT = "timeout"
    CRASH = "crash"          # the student's process died
    TYPE = "type"            # returned something that is not plain numeric data
    NOT_GRADABLE = "not_gradable"
    GRADER = "grader"        # a fault of the grader itself (logged for the TA)


class StudentFault(Exception):
    """Something the student's code did that fails the check in hand (never a grader bug)."""

    kind = Fault.ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.call: Text | None = None     # the call the grader was making, as the student would write it
        self.call_kind = ""               # what it called: "function", "method" or "class" ("" when unknown)
        self.hint: Text | None = None     # the likely mistake behind it, when a check recognised one
        self.output = ""                  # what the process wrote before it went wrong


class StudentError(StudentFault):
    """The student's code raised an exception."""

    def __init__(self, type_name: str, message: str, frames: list[dict], output: str = "",
                 line: int | None = None, code: str | None = None) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name, self.message, self.frames, self.output = type_name, message, frames, output
        self.line, self.code = line, code   # where a SyntaxError is (frames are empty then)
        self.missing: str | None = None     # a name the grader asked for that the code does not define,
        self.missing_in = ""                # in "module" or in the class of that name


class StudentTimeout(StudentFault):
    """A call ran past its time limit: ``limit`` says which one, ``seconds`` its size.

    ``"cpu"``: it used up ``seconds`` of CPU time (the sandbox judges a call on the CPU time its
    processes use, so a busy machine does not change a grade); ``"wall"``: it was still running after
    ``seconds`` of real time, the sandbox's backstop for code that waits or sleeps, and the only limit
    LocalModule (check.py, a real-time alarm) has.
    """

    kind = Fault.TIMEOUT
    seconds: float
    limit: Literal["cpu", "wall"]
    earlier: str | None

    def __init__(self, seconds: float, output: str = "", earlier: str | None = None,
                 limit: Literal["cpu", "wall"] = "wall") -> None:
        super().__init__(f"used up its {seconds:g} s of CPU time" if limit == "cpu"
                         else f"still running after {seconds:g} s of real time")
        self.seconds, self.output = seconds, output
        self.limit = limit                # "cpu" or "wall": which limit ended the call
        self.earlier = earlier            # the method that already timed out in an earlier check


class StudentCrashed(StudentFault):
    kind = Fault.CRASH

    def __init__(self, exit_code: int | None, output: str = "", cause: str = "") -> None:
        super().__init__(exit_text(exit_code).en + (f" ({cause})" if cause else ""))
        self.exit_code, self.output, self.cause = exit_code, output, cause


class StudentBadValue(StudentFault):
    """The student's code returned something that is not plain numeric data."""

    kind = Fault.TYPE

    def __init__(self, type_name: str, detail: str = "") -> None:
        super().__init__(f"returned a value of type {type_name} that is not plain data" +
                         (f": {detail}" if detail else ""))
        self.type_name, self.detail = type_name, detail


class NotGradable(Exception):
    """The submission cannot be graded at all."""

    def __init__(self, fault: StudentFault | None = None, missing: tuple[str, ...] = ()) -> None:
        super().__init__(f"loading the file failed: {fault}" if fault is not None
                         else f"the file does not define {', '.join(missing)}")
        self.fault, self.missing = fault, tuple(missing)


_SIGNAL_REASONS = {signal.SIGSEGV: Text("segmentation fault", "세그멘테이션 오류"),
                   signal.SIGKILL: Text("killed (memory or CPU limit?)", "강제 종료 (메모리 또는 CPU 제한?)"),
                   signal.SIGXCPU: Text("CPU time limit", "CPU 시간 제한"),
                   signal.SIGXFSZ: Text("file size limit", "파일 크기 제한"),
                   signal.SIGABRT: Text("aborted", "비정상 중단")}


def exit_text(code: int | None) -> Text:
    """How the student's process ended, in words."""
    if code is None:
        return Text("the student's process stopped answering", "학생 코드의 프로세스가 응답을 멈췄습니다")
    if code < 0:
        sig = -code
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        reason = _SIGNAL_REASONS.get(sig)
        why = Text(", ", ", ") + reason if reason else Text("", "")
        return Text(f"the student's process died from signal {name}{why.en}",
                    f"학생 코드의 프로세스가 시그널 {name}로 종료되었습니다{why.ko}")
    return Text(f"the student's process exited with code {code}", f"학생 코드의 프로세스가 종료 코드 {code}(으)로 끝났습니다")
