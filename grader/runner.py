"""Runs an assignment's hidden pytest checks against one loaded submission, in the grader's process.

The checks are ordinary pytest tests marked ``@pytest.mark.check("id")`` that ask for the fixtures
``student`` (the proxy of the submission's module) and ``params`` (the assignment's ``[params]``).
This plugin turns each test's outcome into an ``Outcome``: a pass, a wrong answer with its feedback, or
a fault of the student's code (error, time-out, crash, bad value) said plainly.  Anything else raised
by a check is a fault of the grader and is marked as such.
"""
from __future__ import annotations

import importlib.util
import os
import queue
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .checks import CheckFailed
from .extract import Source
from .proxy import StudentModule
from .results import Fault, Text
from .sandbox import StudentBadValue, StudentCrashed, StudentError, StudentFault, StudentTimeout, describe_exit


@dataclass(frozen=True)
class Outcome:
    check_id: str
    passed: bool
    message: Text
    fault: Fault | None = None
    details: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def sibling(test_file: str, name: str):
    """Imports ``name.py`` beside a hidden check file under a name unique to its folder.

    Two assignments may each have a ``reference.py``; plain imports would give the second the first's.
    """
    folder = Path(test_file).resolve().parent
    unique = f"_hidden_{abs(hash(str(folder))):x}_{name}"
    if unique in sys.modules:
        return sys.modules[unique]
    spec = importlib.util.spec_from_file_location(unique, folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[unique] = module
    spec.loader.exec_module(module)
    return module


def describe_fault(exc: StudentFault, source: Source) -> tuple[Text, Fault, dict[str, Any]]:
    """A student-side fault as feedback: what happened, where in the student's own file."""
    call = getattr(exc, "call", "")
    call_ko = getattr(exc, "call_ko", "") or call
    during_en = f" while the grader called {call}" if call else ""
    during_ko = f" (채점기가 {call_ko}을(를) 호출하는 중)" if call else ""
    details: dict[str, Any] = {"call": call, "call_ko": call_ko}
    if isinstance(exc, StudentTimeout) and getattr(exc, "earlier", None):
        name = exc.earlier
        return (Text(f"Timed out: {name} already ran past the {exc.seconds:g} s limit in an earlier check, so the "
                     f"grader did not call it again here ({call}). Is there an endless loop?",
                     f"시간 초과: {name}이(가) 앞선 검사에서 이미 {exc.seconds:g}초 제한을 넘겨 이번에는 다시 호출하지 "
                     f"않았습니다 ({call_ko}). 끝나지 않는 반복문이 있지 않나요?"), Fault.TIMEOUT, details)
    if isinstance(exc, StudentTimeout):
        return (Text(f"Timed out after {exc.seconds:g} s{during_en}: is there an endless loop?",
                     f"{exc.seconds:g}초 제한 시간을 넘겼습니다{during_ko}: 끝나지 않는 반복문이 있지 않나요?"),
                Fault.TIMEOUT, details)
    if isinstance(exc, StudentCrashed):
        cause = f" ({exc.cause})" if exc.cause else ""
        return (Text(f"Your code's process ended{during_en}: {exc}.",
                     f"코드를 실행하던 프로세스가 종료되었습니다{during_ko}: {describe_exit(exc.exit_code, 'ko')}{cause}."),
                Fault.CRASH,
                details | {"output": exc.output[-2000:]})
    if isinstance(exc, StudentBadValue):
        return (Text(f"Your code {exc}{during_en}; only numbers, strings and numpy arrays of numbers can be graded.",
                     f"코드가 채점할 수 없는 값을 반환했습니다{during_ko}: {exc.type_name}. "
                     "숫자, 문자열, 숫자로 된 numpy 배열만 채점할 수 있습니다."), Fault.TYPE, details)
    assert isinstance(exc, StudentError)
    frames = [{"line": f["line"], "name": str(f.get("name", "?"))[:100], "code": str(f.get("code", ""))[:500],
               "where": source.locate(f["line"]), "where_ko": source.locate_ko(f["line"])}
              for f in exc.frames if isinstance(f, dict) and isinstance(f.get("line"), int)]
    details["traceback"] = frames
    details["exception"] = {"type": exc.type_name, "message": exc.message}
    if frames:
        last = frames[-1]
        loc_en = f" in {last['name']}() at {last['where']}"
        loc_ko = f" ({last['name']}(), {last['where_ko']})"
    else:
        loc_en = loc_ko = ""
    hint = _error_hint(exc)
    extra = getattr(exc, "hint", None)
    if extra is not None:
        hint = hint + Text("\nLikely mistake: ", "\n추정되는 실수: ") + extra
    said = f": {exc.message.strip()}" if exc.message.strip() else ""
    return (Text(f"Your code raised {exc.type_name}{said}{loc_en}{during_en}.{hint.en}",
                 f"코드에서 {exc.type_name} 예외가 발생했습니다{said}{loc_ko}{during_ko}.{hint.ko}"),
            Fault.ERROR, details)


def _error_hint(exc: StudentError) -> Text:
    if exc.type_name == "NotImplementedError":
        return Text(" This is still the stub: implement it.", " 아직 스텁 그대로입니다: 구현해 주세요.")
    if exc.type_name == "ValueError" and ("matmul" in exc.message or "not aligned" in exc.message):  # @ / np.dot
        return Text(" The shapes of a matrix product do not line up: check which side each matrix is on "
                    "and whether one needs .T.",
                    " 행렬 곱의 shape가 맞지 않습니다: 곱하는 순서와 전치(.T)가 필요한지 확인하세요.")
    if exc.type_name == "ValueError" and "broadcast" in exc.message:
        return Text(" Two arrays could not be broadcast together: compare their shapes.",
                    " 두 배열을 브로드캐스팅할 수 없습니다: 두 배열의 shape를 비교해 보세요.")
    if exc.type_name == "TypeError" and "positional argument" in exc.message:
        return Text(" The method takes different arguments from the specification: check their number and order.",
                    " 메서드의 인자가 명세와 다릅니다: 인자의 개수와 순서를 확인하세요.")
    if exc.type_name == "SystemExit":
        return Text(" The code called sys.exit() / exit(): remove it from the methods.",
                    " 코드에서 sys.exit()/exit()를 호출했습니다: 메서드 안에서 지워 주세요.")
    if exc.type_name == "RecursionError":
        return Text(" A method calls itself without end.", " 메서드가 끝없이 자기 자신을 호출합니다.")
    return Text("", "")


@dataclass
class _Job:
    """One submission's turn in a session: what its checks see, and what they found."""

    module: StudentModule
    source: Source
    params: dict[str, Any]
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


class GradingPlugin:
    """The pytest plugin of a session: provides the fixtures, records each check's outcome, and runs the
    collected checks once per submission handed to it (``pytest_runtestloop``)."""

    def __init__(self) -> None:
        self.job: _Job | None = None
        self.jobs: queue.Queue[_Job | None] = queue.Queue()
        self.collect_errors: list[str] = []
        self.unmarked: list[str] = []
        self.broken = False

    @pytest.fixture
    def student(self) -> StudentModule:
        return self.job.module

    @pytest.fixture
    def params(self) -> dict[str, Any]:
        return self.job.params

    @pytest.fixture
    def details(self, request) -> dict[str, Any]:
        """Plain data a check keeps for the report even when it passes (a loss curve, say)."""
        request.node._grader_details = {}
        return request.node._grader_details

    def pytest_configure(self, config) -> None:
        config.addinivalue_line("markers", "check(id): the check id this test decides")

    def pytest_collectreport(self, report) -> None:
        if report.failed:
            self.collect_errors.append(str(report.longreprtext)[-3000:])

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session) -> bool:
        """Every check, once per submission, until the grader hangs up.  Each round ends with nothing
        set up (its last item has no next one), so no fixture outlives a submission."""
        while True:
            job = self.jobs.get()
            if job is None:
                return True
            self.job = job
            try:
                if self.collect_errors or not session.items:
                    raise RuntimeError("pytest could not collect the hidden checks:\n"
                                       + ("\n".join(self.collect_errors) or "no tests found"))
                items = session.items
                for i, item in enumerate(items):
                    item.__dict__.pop("_grader_details", None)
                    item.ihook.pytest_runtest_protocol(item=item, nextitem=items[i + 1] if i + 1 < len(items) else None)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller, in its own thread
                job.error = exc
                self.broken = True  # a round cut short may leave fixtures set up: the next gets a new session
            finally:
                self.job = None
                job.done.set()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        rep = report.get_result()
        marker = item.get_closest_marker("check")
        if marker is None:
            self.unmarked.append(item.nodeid)
            return
        check_id = marker.args[0]
        if rep.when == "call" or (rep.when == "setup" and rep.failed):
            outcome = self._outcome(check_id, call, rep.passed)
            kept = getattr(item, "_grader_details", None)
            if kept and not outcome.details:
                outcome = Outcome(outcome.check_id, outcome.passed, outcome.message, outcome.fault, kept,
                                  outcome.seconds)
            self.job.outcomes[check_id] = outcome

    def _outcome(self, check_id: str, call, passed: bool) -> Outcome:
        seconds = call.duration
        if passed:
            return Outcome(check_id, True, Text("Passed.", "통과했습니다."), seconds=seconds)
        exc = call.excinfo.value if call.excinfo else None
        if isinstance(exc, CheckFailed):
            return Outcome(check_id, False, exc.text, Fault.WRONG, exc.details, seconds)
        if isinstance(exc, StudentFault):
            text, fault, details = describe_fault(exc, self.job.source)
            return Outcome(check_id, False, text, fault, details, seconds)
        if isinstance(exc, AssertionError):  # a plain assert in a check: a wrong answer, said as written
            return Outcome(check_id, False, Text(str(exc) or "Wrong answer.", str(exc) or "틀린 답입니다."),
                           Fault.WRONG, {}, seconds)
        tb = "".join(traceback.format_exception(exc)) if exc else "no exception"
        return Outcome(check_id, False, Text("The grader failed on this check; a TA has been told.",
                                             "채점기에 문제가 생겨 이 항목을 채점하지 못했습니다. 조교에게 알려졌습니다."),
                       Fault.GRADER, {"grader_traceback": tb[-4000:]}, seconds)


class _Session:
    """A pytest session over one folder of hidden checks, kept open in a thread of its own.

    Starting pytest (configuration, plugins, collection, importing the checks) costs about 40 ms; a
    grading worker pays it once per folder instead of once per submission.  The checks run in the
    session's thread while the caller waits, so only one thread at a time ever talks to a sandbox.
    """

    def __init__(self, hidden: Path, signature: tuple) -> None:
        self.hidden, self.signature = hidden, signature
        self.plugin = GradingPlugin()
        self.exit_code: int | None = None
        self.thread = threading.Thread(target=self._main, name=f"checks:{hidden.parent.name}", daemon=True)
        self.thread.start()

    def _main(self) -> None:
        args = [str(self.hidden), "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "no:logging",
                "-p", "no:unraisableexception", "-p", "no:threadexception",  # each runs gc.collect() per test
                "-p", "no:faulthandler", "-s",
                "--import-mode=importlib", "-o", "python_files=test_*.py", "-o", "console_output_style=classic",
                "-W", "ignore::pytest.PytestAssertRewriteWarning", "--rootdir", str(self.hidden.parent.parent),
                "-c", "/dev/null"]
        try:
            self.exit_code = pytest.main(args, plugins=[self.plugin])
        finally:
            self.exit_code = -1 if self.exit_code is None else self.exit_code
            while True:  # whoever still waits is told the session is gone
                try:
                    job = self.plugin.jobs.get_nowait()
                except queue.Empty:
                    break
                if job is not None:
                    job.error = RuntimeError(f"pytest could not run the hidden checks in {self.hidden} "
                                             f"(exit {self.exit_code}): " + "\n".join(self.plugin.collect_errors))
                    job.done.set()

    @property
    def alive(self) -> bool:
        return self.exit_code is None and self.thread.is_alive() and not self.plugin.broken

    def run(self, job: _Job) -> dict[str, Outcome]:
        self.plugin.jobs.put(job)
        while not job.done.wait(0.5):
            if not self.thread.is_alive():
                raise RuntimeError(f"pytest stopped running the hidden checks in {self.hidden} "
                                   f"(exit {self.exit_code}): " + "\n".join(self.plugin.collect_errors))
        if job.error is not None:
            raise job.error
        return job.outcomes

    def close(self) -> None:
        self.plugin.jobs.put(None)
        self.thread.join(timeout=5)


_SESSIONS: dict[Path, _Session] = {}
MAX_SESSIONS = 4


def _signature(hidden: Path) -> tuple:
    """What the checks' files are now: a session started before they changed is not used."""
    entries = []
    for path in sorted(hidden.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        entries.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(entries)


def _session(hidden: Path) -> _Session:
    hidden = hidden.resolve()
    signature = _signature(hidden)
    session = _SESSIONS.get(hidden)
    if session is not None and (not session.alive or session.signature != signature):
        session.close()
        del _SESSIONS[hidden]
        session = None
    if session is None:
        while len(_SESSIONS) >= MAX_SESSIONS:
            _SESSIONS.pop(next(iter(_SESSIONS))).close()
        _forget_modules(hidden)
        session = _SESSIONS[hidden] = _Session(hidden, signature)
    return session


def _forget_modules(hidden: Path) -> None:
    """Before a session imports the checks in ``hidden``: what an earlier session imported from there
    (since edited) or under the same qualified name from another folder (``NAME.hidden.test_x`` of a
    second copy of the assignment) is dropped, so pytest imports the files that are there now."""
    package = f"{hidden.parent.name}.{hidden.name}"
    for name, module in list(sys.modules.items()):
        file = str(getattr(module, "__file__", None) or "")
        if file.startswith(str(hidden) + os.sep) or name == package or name.startswith(package + "."):
            del sys.modules[name]


def run_checks(hidden: Path, module: StudentModule, source: Source, params: dict[str, Any]) -> dict[str, Outcome]:
    """Runs every hidden check; returns their outcomes by check id."""
    return _session(hidden).run(_Job(module, source, params))
