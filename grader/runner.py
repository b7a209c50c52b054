"""Runs an assignment's hidden pytest checks against one loaded submission, in the grader's process.

The checks are ordinary pytest tests marked ``@pytest.mark.check("id")`` that ask for the fixtures
``student`` (the proxy of the submission's module), ``params`` (the assignment's ``[params]``) and
``details`` (plain data kept for the report).  Each test's outcome becomes an ``Outcome`` through
``feedback.outcome.judge``, exactly as check.py judges a public check: a pass, a wrong answer with its
feedback, a fault of the student's code said plainly, or else a fault of the grader.  This is the only
module of the grader that imports pytest.
"""
from __future__ import annotations

import os
import queue
import sys
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from .feedback.outcome import Outcome, judge
from .feedback.source import Source
from .sandbox import StudentModule


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
            exc = None if rep.passed else (call.excinfo.value if call.excinfo else RuntimeError("no exception"))
            outcome = judge(check_id, exc, self.job.source, call.duration, report=self.job.module.load_report)
            kept = getattr(item, "_grader_details", None)
            if kept and not outcome.details:
                outcome = replace(outcome, details=kept)
            self.job.outcomes[check_id] = outcome


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


def _folders(hidden: Path) -> tuple[Path, Path]:
    """The checks' folders: ``hidden/`` and the ``public/`` beside it, whose words hidden checks share."""
    return hidden, hidden.parent / "public"


def _signature(hidden: Path) -> tuple:
    """What the checks' files are now: a session started before they changed is not used."""
    entries = []
    for path in sorted(p for folder in _folders(hidden) for p in folder.rglob("*.py")):
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
    """Before a session imports the checks in ``hidden``: what an earlier session imported from there or
    from ``public/`` (since edited), or under the same qualified name from another folder
    (``NAME.hidden.test_x`` of a second copy of the assignment), is dropped, so pytest imports the files
    that are there now."""
    package = f"{hidden.parent.name}.{hidden.name}"
    roots = tuple(str(folder) + os.sep for folder in _folders(hidden))
    for name, module in list(sys.modules.items()):
        file = str(getattr(module, "__file__", None) or "")
        if file.startswith(roots) or name == package or name.startswith(package + "."):
            del sys.modules[name]


def run_checks(hidden: Path, module: StudentModule, source: Source, params: dict[str, Any]) -> dict[str, Outcome]:
    """Runs every hidden check; returns their outcomes by check id."""
    return _session(hidden).run(_Job(module, source, params))
