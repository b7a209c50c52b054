"""``python -m grader``: grade a folder of submissions into a folder of reports.

Exit codes: 0 when every submission got its report (whatever the students scored), 2 for a usage
error (a wrong path, a broken config), 3 when the grader itself failed on some submission (logged).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from enum import IntEnum
from pathlib import Path

from . import __version__, assignment as assignment_mod, report, scoring
from .assignment import Assignment, ConfigError
from .discover import Submission, discover, skipped
from .pipeline import grade
from .results import Fault, SubmissionResult, Text, from_dict


class Exit(IntEnum):
    OK = 0
    USAGE = 2
    GRADER_FAULT = 3


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m grader",
        description="Grade every submission in a folder against an assignment's hidden checks, and write "
                    "a JSON and an HTML report per student plus index.html and grades.csv for the class.",
        epilog="A submission is NAME.py, NAME.ipynb, or a folder NAME/ holding one. Student code runs in a "
               "sandboxed child process; the verdict is computed in the grader. Exit status: 0 when every "
               "submission got its report, 2 for a usage error, 3 when the grader itself failed.")
    p.add_argument("--assignment", required=True, type=Path, help="the assignment folder (with assignment.toml)")
    p.add_argument("--submissions", required=True, type=Path, help="the folder of student submissions")
    p.add_argument("--reports", required=True, type=Path, help="where to write the reports (created if missing)")
    p.add_argument("--lang", choices=("en", "ko"), help="feedback language (default: the assignment's config)")
    p.add_argument("--jobs", type=int, default=0, help="submissions graded at once (default: all cores)")
    p.add_argument("--force", action="store_true", help="regrade everything, even unchanged submissions")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.add_argument("--version", action="version", version=f"grader {__version__}")
    return p.parse_args(argv)


def checks_fingerprint(a: Assignment) -> str:
    """Changes whenever the checks, the config or the grader change: a cached result is then stale."""
    h = hashlib.sha256(__version__.encode())
    for folder in (a.hidden, a.folder / "public", Path(__file__).parent):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(folder.parent)).encode())
                h.update(path.read_bytes())
    h.update(a.config_bytes)
    return h.hexdigest()


def _cached(sub: Submission, reports: Path, fingerprint: str) -> tuple[SubmissionResult, str] | None:
    """The earlier result and its language, when the file, the checks and the grader are unchanged."""
    path = reports / f"{sub.student}.json"
    if sub.path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
        if data["grader"].get("fingerprint") != fingerprint:
            return None
        if data["grader"]["sha256"] != hashlib.sha256(sub.path.read_bytes()).hexdigest():
            return None
        return from_dict(data), data["grader"]["language"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _grade_one(a: Assignment, sub: Submission) -> tuple[SubmissionResult, str | None]:
    """Grades one submission; a grader bug becomes a marked result plus the traceback for the TA."""
    try:
        return grade(a, sub), None
    except Exception:  # noqa: BLE001 - one grader fault must not cost the other students their grades
        tb = traceback.format_exc()
        reason = Text("The grader failed on this submission; a TA has been told and will regrade it.",
                      "채점기에 문제가 생겨 이 제출물을 채점하지 못했습니다. 조교에게 알려졌으며 다시 채점할 예정입니다.")
        checks = scoring.not_gradable(a, reason, Fault.GRADER)
        return SubmissionResult(
            student=sub.student, assignment=a.name, assignment_title=Text(a.title, a.title_ko),
            file=sub.path.name if sub.path else "", sha256="", graded_at="", gradable=False, problem=reason,
            checks=checks, concepts={c.id: Text(c.name, c.name_ko) for c in a.concepts},
            grader_version=__version__, lms_id=sub.lms_id), tb


class Progress:
    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.done, self.quiet, self.start = total, 0, quiet or not sys.stderr.isatty(), time.monotonic()

    def step(self, name: str) -> None:
        self.done += 1
        if self.quiet:
            return
        elapsed = time.monotonic() - self.start
        rate = self.done / elapsed if elapsed else 0
        left = (self.total - self.done) / rate if rate else 0
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                         f"{rate:.1f}/s, {left:.0f}s left  {name[:20]:20}")
        sys.stderr.flush()
        if self.done == self.total:
            sys.stderr.write("\n")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        a = assignment_mod.load(args.assignment)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return Exit.USAGE
    if not args.submissions.is_dir():
        print(f"error: the submissions folder {args.submissions} does not exist or is not a folder",
              file=sys.stderr)
        return Exit.USAGE
    lang = args.lang or a.language
    subs = discover(args.submissions, a.entry)
    not_graded = skipped(args.submissions, a.entry)
    for note in not_graded:
        print(f"not graded: {note.get(lang)}", file=sys.stderr)
    if not subs:
        print(f"error: no submissions (NAME.py, NAME.ipynb or NAME/) in {args.submissions}", file=sys.stderr)
        return Exit.USAGE
    args.reports.mkdir(parents=True, exist_ok=True)
    fingerprint = checks_fingerprint(a)
    results: dict[str, SubmissionResult] = {}
    todo = []
    for sub in subs:
        hit = None if args.force else _cached(sub, args.reports, fingerprint)
        if hit is not None:
            results[sub.student], was_lang = hit
            if was_lang != lang or not (args.reports / f"{sub.student}.html").is_file():
                report.write_student(hit[0], args.reports, lang, fingerprint)
        else:
            todo.append(sub)
    faults: list[tuple[str, str]] = []
    progress = Progress(len(todo), args.quiet)
    jobs = args.jobs or os.cpu_count() or 1
    if jobs == 1 or len(todo) <= 1:
        for sub in todo:
            result, tb = _grade_one(a, sub)
            _finish(result, tb, args.reports, lang, fingerprint, results, faults, progress)
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_die_with, initargs=(os.getpid(),)) as pool:
            futures = {pool.submit(_grade_one, a, sub): sub for sub in todo}
            for fut in as_completed(futures):
                result, tb = fut.result()
                _finish(result, tb, args.reports, lang, fingerprint, results, faults, progress)
    ordered = [results[s.student] for s in subs]
    report.write_class(ordered, args.reports, lang, Text(a.title, a.title_ko), not_graded)
    summary = _summary(ordered, len(subs) - len(todo))
    for r in ordered:  # the reason beside the name, so the TA need not open each report
        if not r.gradable and r.problem is not None:
            print(f"not gradable: {r.student}: {r.problem.get(lang)}", file=sys.stderr)
    print(summary)
    for student, tb in faults:
        print(f"grader fault on {student}:\n{tb}", file=sys.stderr)
    return Exit.GRADER_FAULT if faults else Exit.OK


def _die_with(parent: int) -> None:
    """A worker ends when the grading run does, even killed outright (SIGKILL leaves the pool's pipes
    open in the other workers, so they would wait for work forever); its fork server and sandboxes
    then end with it."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the run ended before the worker asked
        os._exit(1)


def _finish(result, tb, reports, lang, fingerprint, results, faults, progress) -> None:
    if tb is None and any(c.fault == Fault.GRADER for c in result.checks):
        tb = "\n".join(c.details.get("grader_traceback", c.message.en) for c in result.checks
                       if c.fault == Fault.GRADER)
    report.write_student(result, reports, lang, fingerprint if tb is None else "")
    results[result.student] = result
    if tb is not None:
        faults.append((result.student, tb))
    progress.step(result.student)


def _summary(results: list[SubmissionResult], reused: int) -> str:
    statuses = [r.status for r in results]
    return (f"graded {len(results) - reused}, reused {reused}, not gradable {statuses.count('load_error')}, "
            f"timed out {statuses.count('timeout')}, crashed {statuses.count('crash')}, "
            f"grader faults {statuses.count('grader')}; mean score "
            f"{sum(r.score for r in results) / max(len(results), 1):.2f} / "
            f"{results[0].max_score if results else 0:g}")


if __name__ == "__main__":
    sys.exit(main())
