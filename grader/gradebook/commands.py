"""The gradebook's commands: ``python -m grader override|changes|history|export|feedback|book`` (what
``make override`` and the others run).

Each reads the gradebook (never the submissions: nothing here runs student code) and either adds a row
(an adjustment, a revocation) or writes a file.  A bad input is one line and exit status 2.
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

from .. import report
from ..intake.lms import clean
from ..results import ClassRow, automatic_points
from . import changes, export, store

COMMANDS = ("override", "changes", "history", "export", "feedback", "book")


class CommandError(Exception):
    """One line for the TA; exit status 2."""


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m grader", description="The course's gradebook (course.db).")
    sub = p.add_subparsers(dest="command", required=True)

    def common(q: argparse.ArgumentParser, assignment: bool = True) -> None:
        q.add_argument("--gradebook", type=Path, help="the gradebook (default: course.db beside --reports)")
        q.add_argument("--reports", type=Path, default=Path("reports/neural_network"),
                       help="the reports folder whose gradebook is meant (default: reports/neural_network)")
        if assignment:
            q.add_argument("--assignment", default="neural_network",
                           help="the assignment's name or folder (default: neural_network)")

    q = sub.add_parser("override", help="adjust a student's score by hand, or revoke an adjustment",
                       description="An adjustment applies on top of every later run's automatic score until "
                                   "revoked. POINTS: +1, -0.5 (add) or =7 (set); with --check, that check's points.")
    common(q)
    q.add_argument("--student", required=True, help="the student: report name, student id or name")
    q.add_argument("--points", help="+N, -N or =N")
    q.add_argument("--reason", default="", help="why (shown to the student); required to adjust")
    q.add_argument("--check", default="", help="the check's id (default: the whole score)")
    q.add_argument("--revoke", action="store_true", help="revoke the student's adjustments (on --check only, if given)")
    q.add_argument("--author", default=os.environ.get("GRADER_AUTHOR") or _user(), help="who (default: your login)")

    q = sub.add_parser("changes", help="what the last run changed against the one before (or --since RUN)")
    common(q)
    q.add_argument("--since", type=int, help="compare with this run id instead of the one before")

    q = sub.add_parser("history", help="every run's score for one student, check by check, with adjustments")
    common(q)
    q.add_argument("--student", required=True)

    q = sub.add_parser("export", help="grades for the LMS: a filled-in Moodle worksheet, Canvas, Blackboard, CSV")
    common(q)
    q.add_argument("--format", required=True, choices=("moodle", "canvas", "blackboard", "csv"))
    q.add_argument("--worksheet", type=Path, help="moodle: the grading worksheet downloaded from Moodle")
    q.add_argument("--column", help="blackboard: the Grade Center column's header, ending in |<column id>")
    q.add_argument("--out", type=Path, required=True)

    q = sub.add_parser("feedback", help="the students' HTML reports for the LMS (a Moodle feedback zip, or a folder)")
    common(q)
    q.add_argument("--format", required=True, choices=("moodle", "dir"))
    q.add_argument("--out", type=Path, required=True)

    q = sub.add_parser("book", help="one page of every student against every assignment (and a CSV)")
    common(q, assignment=False)
    q.add_argument("--out", type=Path, help="folder for book.html and book.csv (default: beside the gradebook)")
    q.add_argument("--lang", choices=("ko", "en"), default="ko", help="the page's language (default: ko)")
    return p.parse_args(argv)


def _short(iso: str) -> str:
    """A stored time as a TA reads it: to the second, in UTC."""
    return iso[:19].replace("T", " ") + " UTC" if iso else ""


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def main(argv: list[str]) -> int:
    args = parse(argv)
    path = args.gradebook or store.default_path(args.reports)
    try:
        if not path.is_file():
            raise CommandError(f"no gradebook at {path}: run make grade first (or give GRADEBOOK=...)")
        db = store.connect(path)
        try:
            return COMMAND[args.command](db, args)
        finally:
            db.close()
    except (CommandError, store.GradebookError, export.ExportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


# ------------------------------------------------------------------------------------------------ helpers

def _assignment(args: argparse.Namespace) -> str:
    return Path(args.assignment).name


def _latest(db: sqlite3.Connection, assignment: str) -> int:
    found = store.runs(db, assignment)
    if not found:
        known = ", ".join(store.assignments(db)) or "none"
        raise CommandError(f"no finished run of {assignment} in the gradebook (assignments graded: {known})")
    return found[-1].id


def find_student(rows: list[ClassRow], who: str) -> ClassRow:
    """The one row a TA means: the report's name, the student id, the LMS id or the person's name (NFC,
    case and spaces ignored). Several: an error naming them, never a guess."""
    key = clean(who).casefold()
    for field in ("student", "student_id", "lms_id", "name"):
        hits = [r for r in rows if clean(getattr(r, field)).casefold() == key and getattr(r, field)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise CommandError(f"{who!r} is the {field} of {len(hits)} students: "
                               f"{', '.join(r.student + (f' ({r.student_id})' if r.student_id else '') for r in hits)}"
                               "; give the student id or the report's name")
    near = [r.student for r in rows if key in clean(r.student).casefold() or key in clean(r.name).casefold()]
    raise CommandError(f"no student {who!r} in the last run" + (f" (did you mean {', '.join(near[:5])}?)" if near else ""))


POINTS = re.compile(r"^\s*([+=-])\s*(\d+(?:\.\d+)?)\s*$")


def parse_points(text: str | None) -> tuple[str, float]:
    m = POINTS.match(text or "")
    if not m:
        raise CommandError(f"POINTS must be +N, -N or =N (e.g. +1, -0.5, =7), not {text!r}")
    sign, number = m[1], float(m[2])
    return ("set", number) if sign == "=" else ("add", number if sign == "+" else -number)


# ------------------------------------------------------------------------------------------------ commands

def override(db: sqlite3.Connection, args: argparse.Namespace) -> int:
    name = _assignment(args)
    run_id = _latest(db, name)
    rows = store.class_rows(db, run_id)
    row = find_student(rows, args.student)
    if args.check:
        known = [c.id for r in rows if r.result is not None for c in r.result.checks]
        if args.check not in known:
            raise CommandError(f"no check {args.check!r} in {name} (checks: {', '.join(dict.fromkeys(known))})")
        if row.result is None:
            raise CommandError(f"{row.student} submitted nothing: adjust the whole score (without CHECK)")
    if args.revoke:
        ids = [a.id for a in row.adjustments if not args.check or a.check == args.check]
        if not ids:
            raise CommandError(f"{row.student} has no adjustment in force" + (f" on {args.check}" if args.check else ""))
        store.revoke(db, ids, args.reason, args.author)
        for a in row.adjustments:
            if a.id in ids:
                print(f"revoked adjustment {a.id}: {row.student} {a.label} on {a.check or 'the score'} ({a.reason})")
    else:
        op, value = parse_points(args.points)
        if not args.reason.strip():
            raise CommandError("say why: REASON=\"...\" (the student reads it in their report)")
        basis = automatic_points(row.result, args.check)
        new_id = store.add_adjustment(db, name, row.student, args.check, op, value, args.reason.strip(), args.author,
                                      basis if basis is not None else 0.0)
        print(f"adjustment {new_id}: {row.student} {'=' if op == 'set' else ''}{value:+g}".replace("=+", "=")
              + f" on {args.check or 'the score'} ({args.reason.strip()})")
    after = next(r for r in store.class_rows(db, run_id) if r.student == row.student)
    page = _rewrite_page(db, run_id, after)
    print(f"{row.student}: {row.score:g} -> {after.score:g} / {after.max_score:g}"
          + (f"; {page} rewritten" if page else "")
          + "; make grade updates the overview and grades.csv (nothing is regraded)")
    return 0


def _rewrite_page(db: sqlite3.Connection, run_id: int, row: ClassRow) -> Path | None:
    """The student's own page, written again with the adjustment (what ``make feedback`` sends): from the
    gradebook's record of the last run, in the language and with the fingerprint the page had, so the next
    ``make grade`` still reuses it. None when that run's page is not where it was written."""
    the_run = store.run(db, run_id)
    reports = Path(the_run.options.get("reports", "")) if the_run is not None else None
    if row.result is None or reports is None or not (reports / f"{row.student}.json").is_file():
        return None
    try:
        data = json.loads((reports / f"{row.student}.json").read_text("utf-8"))
        lang, fingerprint = data["grader"]["language"], data["grader"]["fingerprint"]
    except (OSError, ValueError, KeyError):
        return None
    late = replace(row.late, penalty=row.penalty) if row.late is not None else None
    report.write_student(row.result, reports, lang, fingerprint, late, row.adjustments)
    return reports / f"{row.student}.html"


def show_changes(db: sqlite3.Connection, args: argparse.Namespace) -> int:
    name = _assignment(args)
    run_id = _latest(db, name)
    before = args.since if args.since is not None else changes.previous_run(db, name, run_id)
    if before is None:
        print(f"run {run_id} is the first finished run of {name}: nothing to compare with")
        return 0
    if store.run(db, before) is None:
        raise CommandError(f"no run {before} in the gradebook")
    moved = changes.between(db, before, run_id)
    print(f"{len(moved)} scores changed from run {before} to run {run_id} ({name})")
    for student, c in moved.items():
        old = "-" if c.before is None else f"{c.before:g}"
        new = "-" if c.after is None else f"{c.after:g}"
        print(f"  {student}: {old} -> {new}" + (f"  ({', '.join(c.checks)})" if c.checks else ""))
    return 0


def history(db: sqlite3.Connection, args: argparse.Namespace) -> int:
    name = _assignment(args)
    row = find_student(store.class_rows(db, _latest(db, name)), args.student)
    print(f"{row.student}" + (f" ({row.student_id} {row.name})" if row.student_id else "") + f", {name}:")
    for r in store.runs(db, name):
        line = next((x for x in store.class_rows(db, r.id, as_of=r.finished_at) if x.student == row.student), None)
        if line is None:
            print(f"run {r.id} {_short(r.started_at)}: not in this run")
            continue
        parts = [f"automatic {line.raw_score:g}"]
        if line.adjustments:
            parts.append(f"adjustments {line.adjustment:+g}")
        if line.penalty:
            parts.append(f"late -{line.penalty:g}")
        print(f"run {r.id} {_short(r.started_at)} (grader {r.grader_version}, checks {r.fingerprint[:8]}): "
              f"{line.score:g}/{line.max_score:g} [{', '.join(parts)}] {line.status}")
        for c in line.result.checks if line.result is not None else ():
            print(f"    {c.id:<28} {c.status:<7} {c.score:g}/{c.max_score:g}")
    for a in store.all_adjustments(db, name, row.student):
        label = f"={a['value']:g}" if a["op"] == "set" else f"{a['value']:+g}"
        state = f"revoked {_short(a['revoked_at'])}" + (f" ({a['revoked_reason']})" if a["revoked_reason"] else "") \
            if a["revoked_at"] else "in force"
        print(f"adjustment {a['id']} {_short(a['made_at'])} by {a['author'] or '?'}: {label} on "
              f"{a['check_id'] or 'the score'} ({a['reason']}); {state}")
    return 0


def do_export(db: sqlite3.Connection, args: argparse.Namespace) -> int:
    rows = store.class_rows(db, _latest(db, _assignment(args)))
    print(export.export(rows, args.format, args.out, args.worksheet, args.column))
    return 0


def do_feedback(db: sqlite3.Connection, args: argparse.Namespace) -> int:
    run_id = _latest(db, _assignment(args))
    the_run = store.run(db, run_id)
    reports = Path(the_run.options.get("reports", args.reports)) if the_run else args.reports
    print(export.feedback(store.class_rows(db, run_id), reports, args.format, args.out))
    return 0


def do_book(db: sqlite3.Connection, args: argparse.Namespace) -> int:
    from ..report import book

    path = args.gradebook or store.default_path(args.reports)
    out = args.out or path.parent
    names = store.assignments(db)
    if not names:
        raise CommandError("the gradebook has no finished run yet")
    columns = [(n, store.class_rows(db, _latest(db, n))) for n in names]
    print(book.write_book(columns, out, args.lang))
    return 0


COMMAND = {"override": override, "changes": show_changes, "history": history, "export": do_export,
           "feedback": do_feedback, "book": do_book}
