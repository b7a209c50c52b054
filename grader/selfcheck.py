"""The public checks as a student runs them: ``python check.py neural_network.py`` in the handout.

An assignment's ``public/checks.py`` holds a few of its graded checks, written like the hidden ones
(``student.new(...)``, ``net.call(...)``, ``compare(...)``) and marked with the graded check's id.  This
module runs them and prints one line per check, with the feedback under a failure.  It ships in every
handout: ``make handout`` copies it into the handout's ``_feedback/`` folder together with the parts of
the grader it imports (the comparison ladder, the notebook reader, the wording of faults), so the student
reads the words the report will use, and needs nothing but numpy (and nbformat for a notebook).

On the student's own machine the code runs in this process (``LocalModule``): there is nothing to
protect there.  Each call has the assignment's time limit (POSIX), and values cross through the same
plain-data codec the sandbox uses, so a check sees what the grader would see.  ``make check`` in the
repository runs the same checks against the sandboxed proxy instead (``grader.handout``).
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import importlib.util
import inspect
import io
import json
import linecache
import random
import signal
import sys
import threading
import traceback
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from . import wire
from ._child import _is_definition, _type_name
from .checks import CheckFailed
from .extract import ExtractError, Source, extract
from .pipeline import _load_problem, _warning
from .proxy import LoadReport, NotGradable, _calling, _naming, _once_hung
from .results import Fault, Text
from .runner import Outcome, describe_fault
from .sandbox import StudentBadValue, StudentError, StudentFault, StudentTimeout

FEEDBACK = "_feedback"  # the package name public checks import the helpers from (see use_feedback_name)
DEFS_ONLY = Text("Running the whole file took longer than the time limit, so only its imports, functions and "
                 "classes were loaded (keep test code under `if __name__ == \"__main__\":`).",
                 "파일 전체를 실행하는 데 제한 시간보다 오래 걸려 import, 함수, 클래스 정의만 불러왔습니다 "
                 "(테스트 코드는 `if __name__ == \"__main__\":` 아래에 두세요).")


def use_feedback_name() -> None:
    """Makes ``import _feedback.checks`` (how public checks import the helpers) work in the repository too.

    In a handout ``_feedback`` is the vendored copy and this does nothing; in the repository it is an
    alias of the grader package, so the same public checks run with the grader's own modules.
    """
    package = __package__ or ""
    if package == FEEDBACK or FEEDBACK in sys.modules:
        return
    sys.modules[FEEDBACK] = importlib.import_module(package)
    for name in ("checks", "results", "sandbox", "selfcheck"):
        sys.modules[f"{FEEDBACK}.{name}"] = importlib.import_module(f"{package}.{name}")


# -- the public checks -----------------------------------------------------------------------------
def check(check_id: str) -> Callable:
    """Marks a public check with the id of the graded check it previews (``@pytest.mark.check`` there)."""
    def mark(fn: Callable) -> Callable:
        fn.check_id = check_id
        return fn
    return mark


def load_checks(path: Path) -> list[Callable]:
    """The functions marked with ``@check`` in a public checks file, in the order they are written."""
    use_feedback_name()
    spec = importlib.util.spec_from_file_location(f"_public_checks_{abs(hash(str(path))):x}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [fn for fn in vars(module).values() if callable(fn) and isinstance(getattr(fn, "check_id", None), str)]


@dataclass
class Verdict:
    file: str
    results: list[Outcome] = field(default_factory=list)
    problem: Text | None = None           # the file could not be checked at all
    warnings: list[Text] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.problem is None and all(r.passed for r in self.results)


PASSED = Text("Passed.", "통과했습니다.")
RUN_CELLS_FIRST = Text(" In the notebook: run the cells above first.", " 노트북에서는 위의 셀을 먼저 실행하세요.")


def run_checks(checks: list[Callable], student, source: Source, describe=describe_fault) -> list[Outcome]:
    """Runs every check against ``student`` (a LocalModule, or the grader's sandboxed StudentModule)."""
    results = []
    for fn in checks:
        fixtures = {"student": student, "params": {}, "details": {}}
        args = [fixtures[name] for name in inspect.signature(fn).parameters]
        try:
            fn(*args)
        except CheckFailed as exc:
            results.append(Outcome(fn.check_id, False, exc.text, Fault.WRONG))
        except StudentFault as exc:
            text, fault, _ = describe(exc, source)
            results.append(Outcome(fn.check_id, False, text, fault))
        except AssertionError as exc:
            results.append(Outcome(fn.check_id, False, Text(str(exc) or "Wrong answer.", str(exc) or "틀린 답입니다."),
                                   Fault.WRONG))
        except Exception:  # noqa: BLE001 - a bug of the public check itself; the others still run
            tb = traceback.format_exc(limit=-3)
            results.append(Outcome(fn.check_id, False, Text(
                "The public check itself failed (not your code); please tell a TA:\n" + tb,
                "공개 검사 자체에 문제가 생겼습니다 (작성한 코드의 문제가 아닙니다). 조교에게 알려 주세요:\n" + tb),
                Fault.GRADER))
        else:
            results.append(Outcome(fn.check_id, True, PASSED))
    return results


def check_source(source: Source, checks: list[Callable], make_module: Callable[[Source], Any],
                 describe=describe_fault) -> Verdict:
    """Loads the source as ``make_module`` says, then runs the checks; every problem is data in the verdict."""
    verdict = Verdict(source.filename)
    module = make_module(source)
    try:
        try:
            report = module.load()
        except NotGradable as exc:
            verdict.problem = Text("Not gradable: ", "채점 불가: ") + _load_problem(exc, source)
            return verdict
        verdict.warnings = ([DEFS_ONLY] if report.mode == "defs" else []) + [_warning(w, source)
                                                                          for w in report.warnings]
        verdict.results = run_checks(checks, module, source, describe)
    finally:
        module.close()
    return verdict


# -- the student's code, in this process -----------------------------------------------------------
class _Alarm(BaseException):
    """A call ran out of time (a BaseException, so the student's `except Exception` lets it through)."""


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield  # Windows, or not the main thread: no time limit
        return

    def ring(signum, frame):
        raise _Alarm()

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _plain(value: Any) -> Any:
    """``value`` as the grader would have it from the sandbox: a copy, through the plain-data codec."""
    frame = wire.encode({"value": value})
    return wire.decode(frame[wire._HEADER.size:])["value"]


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


class LocalModule:
    """The student's module in this process, with the API of the grader's proxy (``grader.proxy``).

    Give it a ``source`` to load (a file), or the ``namespace`` a notebook has already run.
    """

    def __init__(self, source: Source | None = None, call_timeout: float = 5.0, load_timeout: float = 10.0,
                 required: tuple[str, ...] | list[str] = (), namespace: dict | None = None) -> None:
        self.source, self.namespace = source, namespace
        self.call_timeout, self.load_timeout, self.required = call_timeout, load_timeout, tuple(required)
        self.hung: dict[str, float] = {}
        self.load_report: LoadReport | None = None
        self.module = types.ModuleType("submission")
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
                    raise NotGradable(f"loading the file failed: {exc}", exc) from None
            except StudentError as exc:
                where = f" at line {exc.line}" if exc.line else ""
                raise NotGradable(f"{exc.type_name}{where}: {exc.message}", exc) from None
        missing = [n for n in self.required if n not in self.load_report.names]
        if missing:
            raise NotGradable(f"the file does not define {', '.join(missing)}")
        return self.load_report

    def _exec(self, mode: str) -> LoadReport:
        text, filename = self.source.text, self.source.filename
        linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
        try:
            tree = ast.parse(text, filename=filename)
        except SyntaxError as exc:
            raise StudentError(type(exc).__name__, exc.msg or "", [], "", exc.lineno,
                               (exc.text or "").rstrip("\n")) from None
        self.module = module = types.ModuleType("submission")
        module.__file__ = filename
        sys.modules["submission"] = module
        warnings = []
        try:
            with _time_limit(self.load_timeout), _quiet():
                for node in tree.body:
                    if mode == "defs" and not _is_definition(node):
                        continue
                    code = compile(ast.Module(body=[node], type_ignores=[]), filename, "exec")
                    try:
                        exec(code, module.__dict__)
                    except (Exception, SystemExit) as exc:  # top-level test code may fail: noted, not fatal
                        error = self._error(exc)
                        warnings.append({"type": error.type_name, "message": error.message, "frames": error.frames,
                                         "line": getattr(node, "lineno", None)})
        except _Alarm:
            raise StudentTimeout(self.load_timeout) from None
        return LoadReport(sorted(k for k in module.__dict__ if not k.startswith("__")), warnings, mode)

    def close(self) -> None:
        """Nothing to stop: the student's code ran in this process."""

    # -- running the student's code -----------------------------------------------------------
    def _error(self, exc: BaseException) -> StudentError:
        frames = [{"line": fs.lineno, "name": fs.name, "code": fs.line or ""}
                  for fs in traceback.extract_tb(exc.__traceback__) if fs.filename in self._files]
        message = str(exc) if not isinstance(exc, SyntaxError) else (exc.msg or "")
        return StudentError(type(exc).__name__, message[:2000], frames)

    def run(self, fn: Callable[[], Any], timeout: float | None = None, plain: bool = True) -> Any:
        """Runs ``fn``, a call into the student's code, with the time limit; returns what the sandbox would."""
        seconds = timeout if timeout is not None else self.call_timeout
        try:
            with _time_limit(seconds), _quiet():
                value = fn()
        except _Alarm:
            raise StudentTimeout(seconds) from None
        except (Exception, SystemExit) as exc:
            raise self._error(exc) from None
        if not plain:
            return value
        try:
            return _plain(value)
        except wire.WireError as exc:
            raise StudentBadValue(_type_name(value), str(exc)) from None

    def once_hung(self, names):
        return _once_hung(self, tuple(names))

    def new(self, class_name: str, *args: Any) -> "LocalObject":
        args = _plain(list(args))
        with _calling(class_name, args), self.once_hung([class_name]):
            obj = self.run(lambda: getattr(self.module, class_name)(*args), plain=False)
        return LocalObject(self, obj, class_name)

    def bare(self, class_name: str) -> "LocalObject":
        """An instance whose __init__ did not run (the check sets every attribute it needs)."""
        cls = self.run(lambda: getattr(self.module, class_name), plain=False)
        obj = self.run(lambda: cls.__new__(cls), plain=False)
        return LocalObject(self, obj, class_name)

    def seed(self, seed: int) -> None:
        np.random.seed(int(seed))
        random.seed(int(seed))

    def call(self, name: str, *args: Any, timeout: float | None = None) -> Any:
        args = _plain(list(args))
        with _calling(name, args), self.once_hung([name]):
            return self.run(lambda: getattr(self.module, name)(*args), timeout)

    def call_keeping_args(self, name: str, *args: Any, timeout: float | None = None) -> tuple[Any, list]:
        """The value and the arguments as the call left them, as the grader's proxy gives them."""
        args = _plain(list(args))
        with _calling(name, args), self.once_hung([name]):
            value = self.run(lambda: getattr(self.module, name)(*args), timeout)
        return value, _plain(args)


@contextlib.contextmanager
def _quiet():
    """What the student's code prints while it is checked is not mixed into the checks' lines."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        yield


@dataclass
class LocalObject:
    """An object of the student's class, with the API of the grader's ``StudentObject``."""

    module: LocalModule
    obj: Any
    class_name: str = "object"

    def call(self, name: str, *args: Any, timeout: float | None = None) -> Any:
        args = _plain(list(args))
        with _calling(name, args), self.module.once_hung([name]):
            return self.module.run(lambda: getattr(self.obj, name)(*args), timeout)

    def run(self, name: str, *args: Any, timeout: float | None = None) -> None:
        """The method called for its effect, whatever it returns (as the grader's proxy does)."""
        args = _plain(list(args))
        with _calling(name, args), self.module.once_hung([name]):
            self.module.run(lambda: getattr(self.obj, name)(*args), timeout, plain=False)

    def signature(self, name: str) -> list[str]:
        return self.module.run(lambda: [p.name for p in inspect.signature(getattr(self.obj, name)).parameters.values()])

    def get(self, name: str) -> Any:
        with _naming(f"reading the attribute {name}", f"속성 {name} 읽기"):
            return self.module.run(lambda: getattr(self.obj, name))

    def set(self, name: str, value: Any) -> None:
        value = _plain(value)
        with _naming(f"setting the attribute {name}", f"속성 {name} 설정"):
            self.module.run(lambda: setattr(self.obj, name, value))

    def repeat(self, calls: list[tuple[str, list]], times: int, record: int | None = None,
               record_every: int = 1, collect: tuple[str, ...] = (), timeout: float | None = None) -> dict:
        plain_calls = _plain([[n, list(a)] for n, a in calls])

        def loop() -> dict:
            kept = []
            for i in range(int(times)):
                for j, (name, args) in enumerate(plain_calls):
                    value = getattr(self.obj, name)(*args)
                    if j == record and (i % max(1, record_every) == 0 or i == times - 1):
                        kept.append(np.array(value, dtype=float))
            return {"recorded": kept, "final": {n: getattr(self.obj, n, None) for n in collect}}

        with _naming(f"a training loop of {times} iterations", f"{times}회 반복하는 학습 루프"), \
                self.module.once_hung([n for n, _ in calls]):
            return self.module.run(loop, timeout)


# -- the terminal ---------------------------------------------------------------------------------
SUMMARY = {
    "all": Text("All {n} public checks passed. Grading runs these on other inputs, and more checks besides, so "
                "this does not guarantee full marks.",
                "공개 검사 {n}개를 모두 통과했습니다. 채점할 때는 이 검사들을 다른 입력으로도 실행하고 공개되지 않은 "
                "검사도 함께 실행하므로, 만점이 보장되지는 않습니다."),
    "some": Text("{passed} of {n} public checks passed.", "공개 검사 {n}개 중 {passed}개를 통과했습니다."),
    "problem": Text("The file could not be checked.", "파일을 검사할 수 없었습니다."),
    "warning": Text("Note: ", "참고: "),
}


def _marks(stream) -> tuple[str, str]:
    try:
        "✔✘".encode(getattr(stream, "encoding", None) or "utf-8")
        return "✔", "✘"
    except (UnicodeEncodeError, LookupError):  # a Windows console in cp949, say
        return "[OK]", "[X]"


def show(verdict: Verdict, config: dict, lang: str, stream=None) -> None:
    """One line per check (mark, id, name), the feedback indented under a failure, then a summary."""
    stream = stream or sys.stdout
    ok, bad = _marks(stream)
    names = config.get("checks", {})
    say = lambda text: print(text, file=stream)  # noqa: E731
    say(f"{verdict.file}\n")
    for w in verdict.warnings:
        say(_indent(SUMMARY["warning"].get(lang) + w.get(lang), "  ") + "\n")
    if verdict.problem is not None:
        say(_indent(verdict.problem.get(lang), "  "))
        say("\n" + SUMMARY["problem"].get(lang))
        return
    for r in verdict.results:
        spec = names.get(r.check_id, {})
        name = spec.get("name_ko" if lang == "ko" else "name", "")
        say(f"{ok if r.passed else bad} {r.check_id}" + (f"  {name}" if name else ""))
        if not r.passed:
            say(_indent(r.message.get(lang), "    "))
    passed, n = sum(r.passed for r in verdict.results), len(verdict.results)
    say("\n" + SUMMARY["all" if passed == n else "some"].get(lang).format(n=n, passed=passed))


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def to_json(verdict: Verdict) -> str:
    def text(t: Text | None):
        return None if t is None else {"en": t.en, "ko": t.ko}
    return json.dumps({"file": verdict.file, "passed": verdict.passed, "problem": text(verdict.problem),
                       "warnings": [text(w) for w in verdict.warnings],
                       "checks": [{"id": r.check_id, "passed": r.passed, "fault": str(r.fault) if r.fault else None, "message": text(r.message)}
                                  for r in verdict.results]}, ensure_ascii=False, indent=1)


def parse_args(argv: list[str] | None, config: dict) -> argparse.Namespace:
    entry = config["entry"]
    p = argparse.ArgumentParser(
        prog="python check.py",
        description=f"Run the public checks of {config['name']} on your file (.py or .ipynb) and see the feedback "
                    "the graded report would give for them. / 공개 검사를 실행해 채점 보고서와 같은 피드백을 봅니다.",
        epilog=f"Without FILE: {entry}, else {Path(entry).stem}.ipynb, in the current folder. In the notebook, "
               "the last cell runs the checks on the code you have run: %%run -i check.py")
    p.add_argument("file", nargs="?", type=Path, help=f"the file to check (default: {entry})")
    p.add_argument("--lang", choices=("ko", "en"), default=config.get("language", "ko"),
                   help="language of the feedback (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    return p.parse_args(argv)


def _default_file(config: dict, handout: Path) -> Path | None:
    """The entry file (else its notebook) in the current folder, else beside check.py."""
    entry = Path(config["entry"])
    for folder in (Path.cwd(), handout):
        for candidate in (folder / entry, folder / entry.with_suffix(".ipynb")):
            if candidate.is_file():
                return candidate
    return None


def main(argv: list[str] | None = None, namespace: dict | None = None, config: dict | None = None,
         checks_path: Path | None = None, make_module: Callable[[Source], Any] | None = None) -> int | None:
    """``python check.py [FILE] [--lang ko|en]``; returns None when run from a notebook (``%run -i``).

    ``namespace``: check.py's globals, which are the notebook's under ``%run -i``.  ``config``,
    ``checks_path`` and ``make_module`` default to the handout's (``_feedback/assignment.json``,
    ``_feedback/public/checks.py``, the student's code in this process); ``grader.handout`` passes the
    repository's and the sandbox.  Exit status as a script: 0 when every public check passed, 1 when one
    failed or the file could not be checked, 2 for a usage error.
    """
    here = Path(__file__).resolve().parent
    config = config or json.loads((here / "assignment.json").read_text("utf-8"))
    args = parse_args(argv, config)
    checks = load_checks(checks_path or here / "public" / "checks.py")
    limits = dict(call_timeout=config.get("call_timeout", 5.0), load_timeout=config.get("load_timeout", 10.0),
                  required=config.get("required", ()))
    live = args.file is None and namespace is not None and "get_ipython" in namespace
    if live:  # the notebook's cells, as the student has run them
        source = Source("", "notebook", "")
        verdict = check_source(source, checks, lambda s: LocalModule(namespace=namespace, **limits))
        if verdict.problem is not None:
            verdict.problem = verdict.problem + RUN_CELLS_FIRST
    else:
        path = args.file or _default_file(config, here.parent)
        if path is None or not path.is_file():
            print(f"error: no file {path or config['entry']} (give the file to check: python check.py FILE)",
                  file=sys.stderr)
            return 2
        if path.suffix == ".ipynb" and importlib.util.find_spec("nbformat") is None:
            print("error: reading a notebook needs nbformat: pip install nbformat (or check the .py file)\n"
                  "오류: 노트북 파일을 읽으려면 nbformat이 필요합니다: pip install nbformat", file=sys.stderr)
            return 2
        try:
            source = extract(path)
        except ExtractError as exc:
            verdict = Verdict(path.name, problem=Text(f"Not gradable: {exc.en}", f"채점 불가: {exc.ko}"))
        else:
            verdict = check_source(source, checks, make_module or (lambda s: LocalModule(s, **limits)))
    reconfigure = getattr(sys.stdout, "reconfigure", None)  # a console that cannot show every character
    if reconfigure is not None:
        reconfigure(errors="replace")
    if args.json:
        print(to_json(verdict))
    else:
        show(verdict, config, args.lang)
    return None if live else (0 if verdict.passed else 1)
