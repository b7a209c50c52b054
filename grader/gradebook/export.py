"""Grades and feedback back into the LMS, from the gradebook's latest run (adjustments and late policy
applied): no retyping.

Moodle's "Upload grading worksheet" finds its columns by their header text and its students by
``Identifier`` ("Participant <id>"), and skips a row whose grade it thinks was changed in Moodle after
``Last modified (grade)``; so the worksheet the TA downloaded is filled in place: every column, header,
identifier and time as it was, only ``Grade`` and ``Feedback comments`` written.  Its "Upload multiple
feedback files in a zip" gives a file to the student whose participant id is the second ``_`` piece of
the name, right after the full name (mod/assign/feedback/file/importziplib.php).
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from ..intake.roster import decode_table
from ..report.files import write_atomic
from ..report.grades import grades_csv
from ..results import ClassRow


class ExportError(Exception):
    """An export that cannot be made as asked: one line for the TA."""


def _points(value: float) -> str:
    return f"{round(value, 2):.2f}"


def summary_line(row: ClassRow) -> str:
    """The one-line feedback comment: the score, how many checks passed, and what changed it."""
    if row.result is None:
        return "No submission."
    checks = row.result.checks
    text = f"{row.score:g}/{row.max_score:g}: {sum(c.status == 'passed' for c in checks)} of {len(checks)} checks passed"
    if row.adjustments:
        text += f"; adjusted by hand {row.adjustment:+g} ({'; '.join(a.reason for a in row.adjustments)})"
    if row.late is not None and row.late.days > 0:
        text += f"; {row.late.days} day{'s' if row.late.days > 1 else ''} late (-{row.penalty:g})"
    if not row.result.gradable and row.result.problem is not None:
        text += f"; not gradable: {row.result.problem.en}"
    return text + ". See the attached report."


# ------------------------------------------------------------------------------------------------ grades

def export(rows: list[ClassRow], fmt: str, out: Path, worksheet: Path | None = None, column: str | None = None) -> str:
    if fmt == "moodle":
        if worksheet is None:
            raise ExportError("FORMAT=moodle fills in the worksheet downloaded from Moodle: give WORKSHEET=file.csv "
                              "(Assignment > View all submissions > Download grading worksheet)")
        text, filled, total = fill_worksheet(worksheet, rows)
        write_atomic(out, text)
        return f"{out}: {filled} of {total} worksheet rows graded; upload it with 'Upload grading worksheet'"
    if fmt == "blackboard":
        if not column or "|" not in column:
            raise ExportError("FORMAT=blackboard needs COLUMN=\"<column header>|<column id>\" as the Grade Center "
                              "download shows it (e.g. \"Week 9 [Total Pts: 13 Score] |664617\")")
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)   # Blackboard wants every value quoted
        w.writerow(["Username", column])
        n = 0
        for r in rows:
            if r.lms == "blackboard" and r.lms_id and r.result is not None:
                w.writerow([r.lms_id, _points(r.score)])
                n += 1
        if not n:
            raise ExportError("no student of the last run has a Blackboard username: grade the Blackboard download")
        write_atomic(out, buf.getvalue())
        return f"{out}: {n} students for Grade Center (Work Offline > Upload)"
    if fmt == "canvas":
        write_atomic(out, "\ufeff" + grades_csv(rows, lms="canvas"))
        return f"{out}: {len(rows)} students for Canvas (Grades > Import)"
    write_atomic(out, "\ufeff" + grades_csv(rows))
    return f"{out}: {len(rows)} students, one column per check"


def fill_worksheet(path: Path, rows: list[ClassRow]) -> tuple[str, int, int]:
    """The worksheet's text with Grade and Feedback comments filled for each student of ``rows`` it names;
    (text, rows filled, rows in all). The header line is kept as it was, byte for byte."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = decode_table(raw)
    except UnicodeDecodeError:
        raise ExportError(f"{path.name}: not a CSV text file; download the worksheet from Moodle again") from None
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    header_line, _, body = text.partition(newline)
    delimiter = max((",", ";", "\t"), key=header_line.count)
    header = next(csv.reader([header_line], delimiter=delimiter))
    col = {h.strip(): k for k, h in enumerate(header)}
    for needed in ("Identifier", "Grade", "Last modified (grade)"):
        if needed not in col:
            raise ExportError(f"{path.name}: no {needed!r} column, so it is not a Moodle grading worksheet in English "
                              f"(columns: {', '.join(header)})")
    feedback = col.get("Feedback comments")
    maximum = col.get("Maximum grade")
    by_id = {r.lms_id: r for r in rows if r.lms == "moodle" and r.lms_id}
    records = list(csv.reader(io.StringIO(body), delimiter=delimiter))
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    filled = total = 0
    for record in records:
        if not any(record):
            continue
        total += 1
        ident = record[col["Identifier"]].strip() if len(record) > col["Identifier"] else ""
        pid = ident.rsplit(" ", 1)[-1] if ident.startswith("Participant") else ""
        row = by_id.get(pid)
        if row is not None and row.result is not None:
            record = record + [""] * (len(header) - len(record))
            score = row.score
            if maximum is not None and _float(record[maximum]) and abs(_float(record[maximum]) - row.max_score) > 1e-9:
                score = score * _float(record[maximum]) / row.max_score   # Moodle's scale, not ours
            record[col["Grade"]] = _points(score)
            if feedback is not None:
                record[feedback] = summary_line(row)
            filled += 1
        w.writerow(record)
    if total and not filled:
        raise ExportError(f"{path.name}: none of its {total} participants is in the last run (is it the worksheet of "
                          "this assignment, downloaded after the submissions?)")
    return bom + header_line + newline + out.getvalue(), filled, total


def _float(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return 0.0


# ------------------------------------------------------------------------------------------------ feedback

def feedback(rows: list[ClassRow], reports: Path, fmt: str, out: Path) -> str:
    """Each graded student's HTML report: a zip for Moodle's feedback upload, or a plain folder."""
    files: list[tuple[str, Path]] = []
    missing = []
    for r in rows:
        page = reports / f"{r.student}.html"
        if r.result is None:
            continue
        if not page.is_file():
            missing.append(r.student)
            continue
        if fmt == "moodle":
            if r.lms != "moodle" or not r.lms_id:
                missing.append(r.student)
                continue
            # Moodle splits the name at "_": the full name may hold none (its download writes them as spaces)
            who = (r.name or "Participant").replace("_", " ").replace("/", " ").strip() or "Participant"
            files.append((f"{who}_{r.lms_id}_assignsubmission_file_feedback.html", page))
        else:
            files.append((f"{(r.student_id or r.student)}.html", page))
    if not files:
        raise ExportError("no report to send" + (" (FORMAT=moodle needs a class graded from a Moodle download)"
                                                 if fmt == "moodle" else f" in {reports}"))
    if fmt == "moodle":
        out.parent.mkdir(parents=True, exist_ok=True)
        part = out.with_name(out.name + ".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            for name, page in files:
                z.write(page, name)
        part.replace(out)
        where = f"{out}: {len(files)} reports for 'Upload multiple feedback files in a zip'"
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, page in files:
            write_atomic(out / name, page.read_text("utf-8"))
        where = f"{out}/: {len(files)} reports"
    return where + (f"; left out (no report or no Moodle id): {', '.join(missing)}" if missing else "")
