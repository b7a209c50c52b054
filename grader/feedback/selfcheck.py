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

Which code: the FILE named; without one, the entry file while the student has changed it, else the notebook
beside it (an untouched stub would only say "implement it" for every check), and the first line says which
and why.  Run in a notebook (its last cell, or ``%run -i check.py``), the notebook's own code: see ``jupyter``.
"""
from __future__ import annotations

import argparse
import hashlib
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
from .text import EMPTY, Text
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
    note: Text | None = None              # which code was checked and why, when no FILE was named
    printed: int = 0                      # lines the student's code printed while it was checked (not shown)
    problem_label: Text | None = NOT_GRADABLE  # what the problem is said as, and what the summary says then
    problem_summary: Text | None = None

    @property
    def passed(self) -> bool:
        return self.problem is None and all(r.passed for r in self.results)


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
        warnings = ([DEFS_ONLY] if report.mode == "defs" else []) + [load_warning(w, source) for w in report.warnings]
        verdict.warnings = list(dict.fromkeys(warnings))  # two statements on one line that fail alike: said once
        verdict.results = run_checks(checks, module, source)
    finally:
        verdict.printed = printed_lines(getattr(module, "output", ""))
        module.close()
    return verdict


def printed_lines(output: str) -> int:
    """How many lines the student's code printed (what a check keeps aside), a last line without "\\n" included."""
    return len(output.splitlines()) if isinstance(output, str) else 0


# -- the terminal ---------------------------------------------------------------------------------
SUMMARY = {
    "all": Text("All {n} public checks passed. Grading runs these on other inputs, and more checks besides, so "
                "this does not guarantee full marks.",
                "공개 검사 {n}개를 모두 통과했습니다. 채점할 때는 이 검사들을 다른 입력으로도 실행하고 공개되지 않은 "
                "검사도 함께 실행하므로, 만점이 보장되지는 않습니다."),
    "some": Text("{passed} of {n} public checks passed.", "공개 검사 {n}개 중 {passed}개를 통과했습니다."),
    "problem": Text("The file could not be checked.", "파일을 검사할 수 없었습니다."),
    "warning": Text("Note: ", "참고: "),
    "printed": Text("Your code printed {lines} while it was checked (warnings included); they are not shown here.",
                    "검사하는 동안 코드가 {lines}을 출력했습니다(경고 포함). 출력 내용은 여기에 표시하지 않습니다."),
}
LINES = Text("{n} lines", "{n}줄")
ONE_LINE = Text("1 line", "1줄")

# Which file check.py chose when no FILE was named, and why: {py} the entry file, {nb} its notebook.
CHOSEN = {
    "edited": Text("{py} has changed since the handout, so it was checked.",
                   "{py}가 처음 받은 스텁에서 바뀌었으므로 이 파일을 검사했습니다."),
    "edited_too": Text("{py} has changed since the handout, so it was checked (python check.py {nb} checks the "
                       "notebook).",
                       "{py}가 처음 받은 스텁에서 바뀌었으므로 이 파일을 검사했습니다 (노트북은 python check.py {nb}로 "
                       "검사합니다)."),
    "stub_notebook": Text("{py} is still the stub handed out, so {nb} was checked.",
                          "{py}는 아직 처음 받은 스텁 그대로여서 {nb}를 검사했습니다."),
    "stub_alone": Text("{py} is still the stub handed out, and there is no {nb} here: the stub was checked.",
                       "{py}는 아직 처음 받은 스텁 그대로이고 여기에 {nb}도 없어서 스텁을 그대로 검사했습니다."),
    "no_py": Text("There is no {py} here, so {nb} was checked.", "여기에는 {py}가 없어서 {nb}를 검사했습니다."),
}


def _marks(stream) -> tuple[str, str]:
    try:
        "✔✘".encode(getattr(stream, "encoding", None) or "utf-8")
        return "✔", "✘"
    except (UnicodeEncodeError, LookupError):  # a Windows console in cp949, say
        return "[OK]", "[X]"


def show(verdict: Verdict, config: dict, lang: str, stream=None, after: list[Text] | tuple[Text, ...] = ()) -> None:
    """Which code (the file's name, or why it was chosen), one line per check (mark, id, name), the feedback
    indented under a failure, then a summary: how many passed, how many lines the code printed, and ``after``."""
    stream = stream or sys.stdout
    ok, bad = _marks(stream)
    names = config.get("checks", {})
    say = lambda text: print(text, file=stream)  # noqa: E731
    say((verdict.note.get(lang) if verdict.note is not None else verdict.file) + "\n")
    for w in verdict.warnings:
        say(_indent(SUMMARY["warning"].get(lang) + w.get(lang), "  ") + "\n")
    if verdict.problem is not None:
        say(_indent(((verdict.problem_label or EMPTY) + verdict.problem).get(lang), "  "))
        say("\n" + (verdict.problem_summary or SUMMARY["problem"]).get(lang))
    else:
        for r in verdict.results:
            spec = names.get(r.check_id, {})
            name = spec.get("name_ko" if lang == "ko" else "name", "")
            say(f"{ok if r.passed else bad} {r.check_id}" + (f"  {name}" if name else ""))
            if not r.passed:
                say(_indent(full_message(r.message, r.details, r.hint, r.fault).get(lang), "    "))
        passed, n = sum(r.passed for r in verdict.results), len(verdict.results)
        say("\n" + SUMMARY["all" if passed == n else "some"].get(lang).format(n=n, passed=passed))
    if verdict.printed:
        lines = ONE_LINE if verdict.printed == 1 else LINES.format(n=verdict.printed)
        say(SUMMARY["printed"].format(lines=lines.get(lang)).get(lang))
    for text in after:
        say("\n" + text.get(lang).replace("{ok}", ok).replace("{bad}", bad))


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def _text(t: Text | None):
    return None if t is None else {"en": t.en, "ko": t.ko}


def to_json(verdict: Verdict) -> str:
    problem = NOT_GRADABLE + verdict.problem if verdict.problem is not None else None
    return json.dumps({"file": verdict.file, "passed": verdict.passed, "note": _text(verdict.note),
                       "problem": _text(problem), "problem_alone": _text(verdict.problem),
                       "warnings": [_text(w) for w in verdict.warnings], "printed": verdict.printed,
                       "checks": [{"id": r.check_id, "passed": r.passed, "fault": str(r.fault) if r.fault else None,
                                   "message": _text(full_message(r.message, r.details, r.hint, r.fault))}
                                  for r in verdict.results]}, ensure_ascii=False, indent=1)


def from_json(data: dict) -> Verdict:
    """A verdict as ``to_json`` wrote it (another process's), to show: each check's message is its full text."""
    def text(t):
        return Text(t["en"], t["ko"]) if isinstance(t, dict) else None

    return Verdict(data["file"], [Outcome(c["id"], bool(c["passed"]), text(c["message"])) for c in data["checks"]],
                   text(data.get("problem_alone")), [text(w) for w in data.get("warnings", [])], text(data.get("note")),
                   int(data.get("printed") or 0))


def parse_args(argv: list[str] | None, config: dict) -> argparse.Namespace:
    entry = config["entry"]
    p = argparse.ArgumentParser(
        prog="python check.py",
        description=f"Run the public checks of {config['name']} on your file (.py or .ipynb) and see the feedback "
                    "the graded report would give for them. / 공개 검사를 실행해 채점 보고서와 같은 피드백을 봅니다.",
        epilog=f"Without FILE: {entry} in the current folder once you have changed it; while it is still the stub "
               f"handed out, {Path(entry).stem}.ipynb. In Jupyter or Colab, the notebook's last cell runs the "
               "checks on the code you have run (it needs no other file), as does this line in a cell: "
               "%run -i check.py")
    p.add_argument("file", nargs="?", type=Path, help=f"the file to check (default: {entry} or "
                                                       f"{Path(entry).stem}.ipynb, see below)")
    p.add_argument("--lang", choices=("ko", "en"), default=config.get("language", "ko"),
                   help="language of the feedback (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    return p.parse_args(argv)


def is_stub(path: Path, config: dict) -> bool:
    """Whether the file is still the stub handed out (its sha256 is in the handout's config), line endings aside."""
    stub = config.get("stub_sha256")
    if not stub:
        return False
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return stub in (hashlib.sha256(data).hexdigest(), hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest())


def default_file(config: dict, handout: Path) -> tuple[Path, Text] | None:
    """The file to check when none is named, and the line that says why: the entry file once the student has
    changed it, else its notebook; in the current folder, else beside check.py."""
    entry = Path(config["entry"])
    for folder in (Path.cwd(), handout):
        py, nb = folder / entry, folder / entry.with_suffix(".ipynb")
        if py.is_file() or nb.is_file():
            break
    else:
        return None
    here = folder.resolve() == Path.cwd().resolve()
    names = {"py": py.name if here else str(py), "nb": nb.name if here else str(nb)}
    if not py.is_file():
        return nb, CHOSEN["no_py"].format(**names)
    if is_stub(py, config):
        return (nb, CHOSEN["stub_notebook"].format(**names)) if nb.is_file() else \
            (py, CHOSEN["stub_alone"].format(**names))
    return py, CHOSEN["edited_too" if nb.is_file() else "edited"].format(**names)


def main(argv: list[str] | None = None, namespace: dict | None = None, config: dict | None = None,
         checks_path: Path | None = None, make_module: Callable[[Source], Any] | None = None) -> int | None:
    """``python check.py [FILE] [--lang ko|en]``; returns None when run in a notebook (its last cell, ``%run -i``).

    ``namespace``: check.py's globals, which are the notebook's under ``%run -i`` (and the check cell's own).
    ``config``, ``checks_path`` and ``make_module`` default to the handout's (``_feedback/assignment.json``,
    ``_feedback/public/checks.py``, the student's code in this process); ``grader.handout`` passes the
    repository's and the sandbox.  Exit status as a script: 0 when every public check passed, 1 when one
    failed or the file could not be checked, 2 for a usage error.
    """
    here = Path(__file__).resolve().parent
    config = config or json.loads((here / "assignment.json").read_text("utf-8"))
    in_notebook = namespace is not None and "get_ipython" in namespace
    try:
        args = parse_args(argv, config)
    except SystemExit:  # --help, or a usage error argparse has printed
        if in_notebook:  # where SystemExit would show as an exception
            return None
        raise
    checks = load_checks(checks_path or here / "public" / "checks.py")
    limits = dict(call_timeout=config.get("call_timeout", 5.0), load_timeout=config.get("load_timeout", 10.0),
                  wall_factor=config.get("wall_factor"), wall_slack=config.get("wall_slack", 0.0),
                  required=config.get("required", ()))
    live = args.file is None and in_notebook
    after: list[Text] = []
    if live:  # the notebook's own code: the saved file where the kernel can find it, and the cells as run
        from . import jupyter

        verdict, after = jupyter.check_notebook(namespace, checks, limits)
    else:
        note = None
        if args.file is not None:
            path = args.file
        else:
            path, note = default_file(config, here.parent) or (None, None)
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
        verdict.note = note
    reconfigure = getattr(sys.stdout, "reconfigure", None)  # a console that cannot show every character
    if reconfigure is not None:
        reconfigure(errors="replace")
    if args.json:
        print(to_json(verdict))
    else:
        show(verdict, config, args.lang, after=after)
    return None if in_notebook else (0 if verdict.passed else 1)
