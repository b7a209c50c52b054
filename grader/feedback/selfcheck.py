"""The public checks as a student runs them: ``python check.py neural_network.py`` in the handout.

An assignment's ``public/checks.py`` holds a few of its graded checks, written like the hidden ones
(``student.new(...)``, ``net.call(...)``, ``compare(...)``) and marked with the graded check's id.  This
module runs them and prints one line per check, with the feedback under a failure.  The handout ships
the whole ``grader/feedback`` package as ``_feedback/`` (the comparison ladder, the file reader, the
wording of faults, the in-process student module), so the student reads the words the report will use,
and needs nothing but numpy (and nbformat for a notebook).

On the student's own machine the code runs in this process (``local.LocalModule``): there is nothing to
protect there.  ``make check`` in the repository runs the same checks against the sandboxed proxy
instead (``grader.handout``).
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import json
import pkgutil
import sys
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from .faults import Fault, NotGradable
from .local import LocalModule
from .outcome import Outcome, judge
from .source import ExtractError, Source, extract
from .text import Text
from .wording import DEFS_ONLY, NOT_GRADABLE, full_message, load_problem, load_warning

FEEDBACK = "_feedback"  # the package name public checks import the helpers from (see use_feedback_name)


def use_feedback_name() -> None:
    """Makes ``import _feedback...`` (how public checks import the helpers) work in the repository too.

    In a handout ``_feedback`` is this package itself and this does nothing; in the repository it is an
    alias of ``grader.feedback`` (every module of it), so the same public checks run on the same classes.
    """
    package = __package__ or ""
    if package == FEEDBACK or FEEDBACK in sys.modules:
        return
    sys.modules[FEEDBACK] = importlib.import_module(package)
    for info in pkgutil.iter_modules(sys.modules[package].__path__):
        sys.modules[f"{FEEDBACK}.{info.name}"] = importlib.import_module(f"{package}.{info.name}")


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
    problem: Text | None = None           # why the file could not be checked at all
    warnings: list[Text] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.problem is None and all(r.passed for r in self.results)


RUN_CELLS_FIRST = Text(" In the notebook: run the cells above first.", " 노트북에서는 위의 셀을 먼저 실행하세요.")
PUBLIC_CHECK_FAILED = Text("The public check itself failed (not your code); please tell a TA:\n",
                           "공개 검사 자체에 문제가 생겼습니다 (작성한 코드의 문제가 아닙니다). 조교에게 알려 주세요:\n")


def run_checks(checks: list[Callable], student, source: Source) -> list[Outcome]:
    """Runs every check against ``student`` (a LocalModule, or the grader's sandboxed StudentModule)."""
    results = []
    for fn in checks:
        fixtures = {"student": student, "params": {}, "details": {}}
        args = [fixtures[name] for name in inspect.signature(fn).parameters]
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - a wrong answer, a fault of the code, or of the check itself
            outcome = judge(fn.check_id, exc, source, grader_fault=PUBLIC_CHECK_FAILED,
                            report=getattr(student, "load_report", None))
            if outcome.fault == Fault.GRADER:  # the last frames, for the TA the student tells
                tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=-3))
                outcome = replace(outcome, message=outcome.message + Text(tb, tb))
        else:
            outcome = judge(fn.check_id, None, source)
        results.append(outcome)
    return results


def check_source(source: Source, checks: list[Callable], make_module: Callable[[Source], Any]) -> Verdict:
    """Loads the source as ``make_module`` says, then runs the checks; every problem is data in the verdict."""
    verdict = Verdict(source.filename)
    module = make_module(source)
    try:
        try:
            report = module.load()
        except NotGradable as exc:
            verdict.problem = load_problem(exc, source)
            return verdict
        verdict.warnings = ([DEFS_ONLY] if report.mode == "defs" else []) + [load_warning(w, source)
                                                                          for w in report.warnings]
        verdict.results = run_checks(checks, module, source)
    finally:
        module.close()
    return verdict


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
        say(_indent((NOT_GRADABLE + verdict.problem).get(lang), "  "))
        say("\n" + SUMMARY["problem"].get(lang))
        return
    for r in verdict.results:
        spec = names.get(r.check_id, {})
        name = spec.get("name_ko" if lang == "ko" else "name", "")
        say(f"{ok if r.passed else bad} {r.check_id}" + (f"  {name}" if name else ""))
        if not r.passed:
            say(_indent(full_message(r.message, r.details, r.hint, r.fault).get(lang), "    "))
    passed, n = sum(r.passed for r in verdict.results), len(verdict.results)
    say("\n" + SUMMARY["all" if passed == n else "some"].get(lang).format(n=n, passed=passed))


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def to_json(verdict: Verdict) -> str:
    def text(t: Text | None):
        return None if t is None else {"en": t.en, "ko": t.ko}
    problem = NOT_GRADABLE + verdict.problem if verdict.problem is not None else None
    return json.dumps({"file": verdict.file, "passed": verdict.passed, "problem": text(problem),
                       "warnings": [text(w) for w in verdict.warnings],
                       "checks": [{"id": r.check_id, "passed": r.passed, "fault": str(r.fault) if r.fault else None,
                                   "message": text(full_message(r.message, r.details, r.hint, r.fault))}
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
                  wall_factor=config.get("wall_factor"), wall_slack=config.get("wall_slack", 0.0),
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
            verdict = Verdict(path.name, problem=exc.text)
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
