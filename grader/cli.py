"""``python -m grader``: grade a class (a folder of submissions, or the zip an LMS hands out) into a folder
of reports.

Exit codes: 0 when every submission got its report (whatever the students scored), 2 for a usage
error (a wrong path, a broken config, a roster or worksheet that cannot be read: one line, no
traceback), 3 when the grader itself failed on some submission (logged).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import tomllib
import traceback
from dataclasses import replace
from enum import IntEnum
from pathlib import Path

from . import __version__, assignment as assignment_mod, course, report, similarity, workers
from . import late as late_mod
from .assignment import Assignment, ConfigError
from .discover import Submission, discover, lms_of, skipped
from .gradebook import changes, store
from .gradebook import commands as gradebook_commands
from .intake import IntakeError, archive, roster as roster_mod, times as times_mod
from .report.similarity import write_similarity
from .pipeline import grade
from .results import Fault, SubmissionResult, Text, adjusted_score, from_dict


class Exit(IntEnum):
    OK = 0
    USAGE = 2
    GRADER_FAULT = 3


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m grader",
        description="Grade every submission of a class against an assignment's hidden checks, and write a JSON "
                    "and an HTML report per student plus index.html, grades.csv and the LMS's gradebook file.",
        epilog="SUBMISSIONS is a folder or the zip an LMS hands out (Moodle, Canvas, Blackboard; read without "
               "unpacking it anywhere but a private temporary folder). A submission is NAME.py, NAME.ipynb, a "
               "folder NAME/ holding one, or an LMS download's entry. Student code runs in a sandboxed child "
               "process; the verdict is computed in the grader. Exit status: 0 when every submission got its "
               "report, 2 for a usage error or an input that cannot be read, 3 when the grader itself failed.")
    p.add_argument("--assignment", required=True, type=Path, help="the assignment folder (with assignment.toml)")
    p.add_argument("--submissions", required=True, type=Path,
                   help="the folder of student submissions, or the LMS's zip download")
    p.add_argument("--reports", required=True, type=Path, help="where to write the reports (created if missing)")
    p.add_argument("--roster", type=Path, help="the class list (CSV with 학번/student_id and 이름/name columns; "
                                               "optional 이메일/email, lms_id, section, extension)")
    p.add_argument("--worksheet", type=Path,
                   help="Moodle's grading worksheet (CSV): submission times from its 'Last modified (submission)'")
    p.add_argument("--times", type=Path, help="submission times as CSV: student,submitted_at (ISO 8601)")
    p.add_argument("--due", help="the due time, overriding the config's [late] due (ISO 8601 with a time zone, "
                                 "e.g. 2026-12-07T23:59+09:00)")
    p.add_argument("--gradebook", type=Path,
                   help="the course's SQLite gradebook (default: course.db beside the reports folder)")
    p.add_argument("--lms-grades", action="append", default=[], choices=sorted(report.LMS_FILES),
                   help="also write this LMS's gradebook file (one is written anyway for a class from that LMS)")
    p.add_argument("--max-archive-mb", type=float, default=archive.Limits().max_total_mb,
                   help="largest total size a zip may unpack to (default: %(default)g MB)")
    p.add_argument("--archive", type=similarity.sources.archive_folder,
                   help="earlier semesters' submissions (a folder of .py/.ipynb files at any depth, or an earlier "
                        "reports folder) to compare against for similarity; never graded")
    p.add_argument("--lang", choices=("en", "ko"), help="feedback language (default: the assignment's config)")
    p.add_argument("--jobs", type=int, default=0, help="submissions graded at once (default: all cores)")
    p.add_argument("--force", action="store_true", help="regrade everything, even unchanged submissions")
    p.add_argument("--dask", metavar="ADDRESS", help="grade on a Dask cluster: its scheduler (tcp://host:8786), or "
                                                 "local:N for N worker processes on this machine")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.add_argument("--version", action="version", version=f"grader {__version__}")
    return p.parse_args(argv)


# What does not change a check's verdict: the class around it (late policy, roster, intake) is worked out
# on every run, so editing it must not regrade anyone.
NOT_IN_FINGERPRINT = ("late.py", "course.py", "intake", "gradebook", "gradescope", "similarity")


def checks_fingerprint(a: Assignment) -> str:
    """Changes whenever the checks, the config or the grader change: a cached result is then stale. The
    config's [late] table, the checks' Gradescope visibility and the class-level modules are left out
    (lateness is recomputed every run; visibility is read when results.json is written)."""
    h = hashlib.sha256(__version__.encode())
    grader = Path(__file__).parent
    for folder in (a.hidden, a.folder / "public", grader):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                if folder == grader and path.relative_to(grader).parts[0] in NOT_IN_FINGERPRINT:
                    continue
                h.update(str(path.relative_to(folder.parent)).encode())
                h.update(path.read_bytes())
    config = tomllib.loads(a.config_bytes.decode("utf-8")) if a.config_bytes else {}
    config.pop("late", None)
    config.pop("similarity", None)   # how similar submissions are judged changes no verdict
    for check in config.get("checks", {}).values():   # who sees a check on Gradescope changes no verdict
        if isinstance(check, dict):
            check.pop("visibility", None)
            check.pop("failed_visibility", None)
    h.update(json.dumps(config, sort_keys=True, default=str).encode())
    return h.hexdigest()


def _cached(sub: Submission, reports: Path, fingerprint: str) -> tuple[SubmissionResult, str, dict] | None:
    """The earlier result, its language and what else its page shows (lateness, adjustments), when the
    file, the checks and the grader are unchanged."""
    path = reports / f"{sub.student}.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
        if data["grader"].get("fingerprint") != fingerprint:
            return None
        if sub.path is None:  # nothing to run (online text only, say): the same reason is the same result
            problem = data["grader"]["record"].get("problem") or {}
            if sub.problem is None or problem.get("en") != sub.problem.en or data["grader"]["file"]:
                return None
        elif data["grader"]["sha256"] != hashlib.sha256(sub.path.read_bytes()).hexdigest():
            return None
        return from_dict(data), data["grader"]["language"], report.page_state(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _grade_one(a: Assignment, sub: Submission) -> tuple[SubmissionResult, str | None]:
    """Grades one submission; a grader bug becomes a marked result plus the traceback for the TA."""
    try:
        return grade(a, sub), None
    except Exception:  # noqa: BLE001 - one grader fault must not cost the other students their grades
        return workers.grader_fault(a, sub), traceback.format_exc()


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


class InputError(Exception):
    """An input the TA gave cannot be used: said in one line (both languages' English here), exit status 2."""


def _intake(args: argparse.Namespace, a: Assignment) -> course.Intake:
    """The roster, the times and the late policy, each read or refused with one clear line."""
    try:
        policy = a.late
        if args.due:  # a due time alone: lateness is shown, nothing deducted unless [late] says how much
            due = late_mod.parse_due(args.due, "DUE")
            policy = replace(policy, due=due) if policy is not None else late_mod.LatePolicy(due=due)
        people = roster_mod.load_roster(args.roster) if args.roster else None
        times = times_mod.load_times(args.times) if args.times else {}
    except IntakeError as exc:
        raise InputError(exc.text.en) from None
    except OSError as exc:
        raise InputError(f"cannot read {exc.filename}: {exc.strerror}") from None
    return course.Intake(people=people, times=times, policy=policy)


def _unpack(path: Path, limits: archive.Limits, keep: list[Path]) -> tuple[Path, list[Text]]:
    """An LMS's zip in a private temporary folder (removed when the run ends); the folder of submissions
    inside it, and the entries refused."""
    home = Path(tempfile.mkdtemp(prefix="grader-class-"))
    keep.append(home)
    try:
        unpacked = archive.unpack(path, home, limits)
    except archive.ArchiveError as exc:
        raise InputError(f"{path}: {exc.text.en}") from None
    notes = [Text(f"{r.entry}: {r.reason.en}", f"{r.entry}: {r.reason.ko}") for r in unpacked.refused]
    folder = unpacked.folder
    inside = [p for p in folder.iterdir() if not p.name.startswith(".")]
    if len(inside) == 1 and inside[0].is_dir() and "_assignsubmission_" not in inside[0].name \
            and len(list(inside[0].iterdir())) > 1:
        folder = inside[0]  # a zip of one folder that holds the class
    return folder, notes


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in gradebook_commands.COMMANDS:   # make override, changes, history, export, feedback, book
        return gradebook_commands.main(argv)
    args = parse_args(argv)
    temporary: list[Path] = []
    try:
        return _run(args, temporary)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return Exit.USAGE
    finally:
        for folder in temporary:
            shutil.rmtree(folder, ignore_errors=True)


def _run(args: argparse.Namespace, temporary: list[Path]) -> int:
    try:
        a = assignment_mod.load(args.assignment)
    except ConfigError as exc:
        raise InputError(str(exc)) from None
    lang = args.lang or a.language
    intake = _intake(args, a)
    attention: list[Text] = []
    folder = args.submissions
    if folder.is_file():
        folder, refused = _unpack(folder, replace(archive.Limits(), max_total_mb=args.max_archive_mb), temporary)
        attention += refused
    elif not folder.exists():
        raise InputError(f"the submissions folder or zip {args.submissions} does not exist")
    elif not folder.is_dir():
        raise InputError(f"the submissions {args.submissions} are neither a folder nor a zip file")
    subs = discover(folder, a.entry)
    not_graded = skipped(folder, a.entry)
    if args.worksheet:
        try:
            worksheet = times_mod.load_worksheet(args.worksheet, {s.lms_id for s in subs if s.lms == "moodle"})
        except IntakeError as exc:
            raise InputError(exc.text.en) from None
        except OSError as exc:
            raise InputError(f"cannot read {exc.filename}: {exc.strerror}") from None
        intake = replace(intake, worksheet=worksheet)
    for note in not_graded:
        print(f"not graded: {note.get(lang)}", file=sys.stderr)
    if not subs and intake.people is None:
        raise InputError(f"no submissions (NAME.py, NAME.ipynb, NAME/ or an LMS download) in {args.submissions}")
    rows, problems = course.rows_for(subs, intake)
    for note in problems:
        print(f"roster: {note.get(lang)}", file=sys.stderr)
    try:
        rules = {row.submission.student: course.late_rule(row, intake) for row in rows if row.submission is not None}
    except IntakeError as exc:
        raise InputError(exc.text.en) from None

    args.reports.mkdir(parents=True, exist_ok=True)
    book_path = args.gradebook or store.default_path(args.reports)
    with store.grading_lock(book_path, args.quiet):
        try:
            db = store.connect(book_path)
        except store.GradebookError as exc:
            raise InputError(str(exc)) from None
        try:
            return _grade_class(args, a, lang, db, book_path, subs, not_graded, rows, problems, rules, attention,
                                intake)
        finally:
            db.close()


def _grade_class(args, a, lang, db, book_path, subs, not_graded, rows, problems, rules, attention, intake) -> int:
    """The class graded with the gradebook held: every result recorded as it comes, the class's lines and
    what changed at the end."""
    graded_subs = [row.submission for row in rows if row.submission is not None]
    fingerprint = checks_fingerprint(a)
    run_id = store.begin_run(db, a.name, __version__, fingerprint, _options(args))
    in_force = store.adjustments(db, a.name)   # marked stale below, once this run's results are known
    results: dict[str, SubmissionResult] = {}
    todo = []
    for sub in graded_subs:
        hit = None if args.force else _cached(sub, args.reports, fingerprint)
        if hit is not None:
            result, was_lang, was_page = hit
            results[sub.student] = result
            store.record_result(db, run_id, result, lang, reused=True)
            adjusted = in_force.get(sub.student, [])
            rule = rules.get(sub.student)
            late = rule(adjusted_score(result.checks, adjusted)) if rule is not None else None
            if was_lang != lang or was_page != report.page_state(late=late, adjustments=adjusted) \
                    or not (args.reports / f"{sub.student}.html").is_file():
                report.write_student(result, args.reports, lang, fingerprint, late, adjusted)
        else:
            todo.append(sub)
    faults: list[tuple[str, str]] = []
    progress = Progress(len(todo), args.quiet)
    jobs = args.jobs or os.cpu_count() or 1
    finish = lambda result, tb: _finish(result, tb, args.reports, lang, fingerprint, results, faults, progress,  # noqa: E731
                                        rules.get(result.student), in_force.get(result.student, []),
                                        lambda r: store.record_result(db, run_id, r, lang, reused=False))
    try:
        for result, tb in workers.results(a, todo, jobs, args.dask):
            finish(result, tb)
    except workers.DaskError as exc:
        raise InputError(str(exc)) from None
    in_force = store.adjustments(db, a.name, run_id)   # now with this run's automatic results: stale or not
    ordered = course.class_rows(rows, results, rules, a.max_score, intake.people is not None, in_force, intake)
    store.finish_run(db, run_id, ordered)
    before = changes.previous_run(db, a.name, run_id)
    changed = changes.between(db, before, run_id)
    ordered = [replace(r, change=changed.get(r.student)) for r in ordered]
    attention = problems + attention + course.move_stale(args.reports, {s.student for s in graded_subs})
    attention += course.stale_adjustments(ordered)
    if intake.policy is not None and not intake.policy.deducts and any(r.late and r.late.days for r in ordered):
        attention.append(Text("late work is marked but nothing is deducted: the assignment's [late] table sets "
                              "no percent_per_day or max_days",
                              "늦은 제출을 표시만 하고 감점하지 않았습니다. 과제 설정의 [late]에 percent_per_day나 "
                              "max_days가 없습니다"))
    books = sorted({lms_of(subs)} - {""} | set(args.lms_grades))
    for name, file in report.LMS_FILES.items():  # an earlier run's gradebook for another LMS would mislead
        if name not in books and (args.reports / file).is_file():
            (args.reports / file).unlink()
    report.write_class(ordered, args.reports, lang, Text(a.title, a.title_ko), not_graded, attention, books,
                       changed=changed if before is not None else None)
    similar = similarity.run(a, graded_subs, args.reports, args.archive)  # issue 16: similar submissions, for a look
    write_similarity(similar, args.reports, lang)
    for r in ordered:  # the reason beside the name, so the TA need not open each report
        if r.result is not None and not r.result.gradable and r.result.problem is not None:
            print(f"not gradable: {r.student}: {r.result.problem.get(lang)}", file=sys.stderr)
    for r in ordered:
        if r.status == "missing":
            print(f"missing: {r.name} ({r.student_id})" if r.name else f"missing: {r.student_id}", file=sys.stderr)
    for note in attention[len(problems):]:
        print(f"note: {note.get(lang)}", file=sys.stderr)
    print(similarity.summary(similar, lang), file=sys.stderr)
    print(course.summary(ordered, len(todo), len(graded_subs) - len(todo)))
    if before is None:
        print(f"first run of {a.name} in {book_path}")
    else:
        print(f"{len(changed)} scores changed since the last run (run {before} -> {run_id}; "
              f"{args.reports / 'changes.csv'})")
    for student, tb in faults:
        print(f"grader fault on {student}:\n{tb}", file=sys.stderr)
    return Exit.GRADER_FAULT if faults else Exit.OK


def _options(args: argparse.Namespace) -> dict:
    """The run's options as the gradebook records them (paths as given)."""
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if v not in (None, [], False)}


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


def _finish(result, tb, reports, lang, fingerprint, results, faults, progress, rule=None, adjusted=(),
            record=None) -> None:
    if tb is None and any(c.fault == Fault.GRADER for c in result.checks):
        tb = "\n".join(c.details.get("grader_traceback", c.message.en) for c in result.checks
                       if c.fault == Fault.GRADER)
    report.write_student(result, reports, lang, fingerprint if tb is None else "",
                         rule(adjusted_score(result.checks, adjusted)) if rule is not None else None, adjusted)
    if record is not None:   # a grader fault too: the gradebook says what each run did (the next run regrades it)
        record(result)
    results[result.student] = result
    if tb is not None:
        faults.append((result.student, tb))
    progress.step(result.student)


if __name__ == "__main__":
    sys.exit(main())
