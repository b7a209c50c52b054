"""Frozen result records: what a grading run knows about one submission, and nothing else.

Reports are rendered from these alone (and they round-trip through ``NAME.json``), so a report never
needs the config, the submission or the sandbox.  Facts stay structured here (a likely mistake is a
field, a protection note an id with values); ``to_dict`` says them as plain text only for the
Gradescope-shaped part of ``NAME.json``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, Sequence

from .feedback.faults import Fault
from .feedback.text import Text
from .feedback.wording import LIKELY, NOT_GRADABLE, full_message

__all__ = ["Adjustment", "Change", "CheckResult", "ClassRow", "Fault", "LIKELY", "Late", "NOT_GRADABLE", "STATUSES",
           "Status", "SubmissionResult", "Text", "adjusted_score", "automatic_points", "from_dict", "late_deduction", "rows_of"]


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"


# A student's status in the class: ok, not gradable, timed out, crashed, grader fault, and (with a roster) nothing
# submitted.
STATUSES = ("ok", "load_error", "timeout", "crash", "grader", "missing")


@dataclass(frozen=True)
class CheckResult:
    id: str
    name: Text
    concept: str
    status: Status
    score: float
    max_score: float
    message: Text
    fault: Fault | None = None
    details: dict[str, Any] = field(default_factory=dict)   # plain data for the report (arrays as lists)
    seconds: float = 0.0
    hint: Text | None = None    # the likely mistake a check named apart from a comparison

    @property
    def full_message(self) -> Text:
        """The message with its likely mistakes, as one plain text."""
        return full_message(self.message, self.details, self.hint, self.fault)


@dataclass(frozen=True)
class SubmissionResult:
    student: str
    assignment: str
    assignment_title: Text
    file: str
    sha256: str
    graded_at: str
    gradable: bool
    problem: Text | None                         # why nothing could be graded (said without a label)
    checks: tuple[CheckResult, ...]
    concepts: dict[str, Text]                    # concept id -> its name, for the report
    lecture: dict[str, Text] = field(default_factory=dict)  # concept id -> where the lecture teaches it
    output: str = ""                             # the student's printed output (capped)
    load_warnings: tuple[Text, ...] = ()
    protections: dict[str, Any] = field(default_factory=dict)  # layer -> True, False or a list of notes
    source_excerpts: dict[str, Any] = field(default_factory=dict)
    grader_version: str = ""
    seconds: float = 0.0
    lms_id: str = ""                             # the LMS's user id, for its gradebook import

    @property
    def score(self) -> float:
        return round(sum(c.score for c in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_score for c in self.checks), 6)

    @property
    def status(self) -> str:
        """One word for the overview: ok, load_error, timeout, crash, grader (one of STATUSES)."""
        faults = {c.fault for c in self.checks}
        if Fault.GRADER in faults:
            return "grader"
        if not self.gradable:
            return "load_error"
        if Fault.TIMEOUT in faults:
            return "timeout"
        if Fault.CRASH in faults:
            return "crash"
        return "ok"

    def to_dict(self, lang: str) -> dict[str, Any]:
        """Gradescope's results.json shape (score, max_score, tests[]) plus what our reports need."""
        problem = self.problem
        if problem is not None and self.status == "load_error":
            problem = NOT_GRADABLE + problem
        return {
            "score": self.score,
            "max_score": self.max_score,
            "output": problem.get(lang) if problem else "",
            "tests": [{"id": c.id, "name": c.name.get(lang), "status": str(c.status), "score": c.score,
                       "max_score": c.max_score, "output": c.full_message.get(lang),
                       "visibility": "visible"} for c in self.checks],
            "grader": {"student": self.student, "assignment": self.assignment, "file": self.file,
                       "sha256": self.sha256, "graded_at": self.graded_at, "gradable": self.gradable,
                       "language": lang, "version": self.grader_version, "seconds": self.seconds,
                       "record": asdict(self)},
        }


def _text(d: Any) -> Text | None:
    return None if d is None else Text(d["en"], d["ko"])


def from_dict(data: dict[str, Any]) -> SubmissionResult:
    """The record back from ``NAME.json`` (incremental regrades reuse it)."""
    r = dict(data["grader"]["record"])
    r["assignment_title"] = _text(r["assignment_title"])
    r["problem"] = _text(r["problem"])
    r["concepts"] = {k: _text(v) for k, v in r["concepts"].items()}
    r["lecture"] = {k: _text(v) for k, v in r.get("lecture", {}).items()}
    r["load_warnings"] = tuple(_text(t) for t in r["load_warnings"])
    r["checks"] = tuple(
        CheckResult(**{**c, "name": _text(c["name"]), "message": _text(c["message"]), "status": Status(c["status"]),
                       "fault": Fault(c["fault"]) if c["fault"] else None, "hint": _text(c.get("hint"))})
        for c in r["checks"])
    return SubmissionResult(**r)


@dataclass(frozen=True)
class Late:
    """A submission's lateness under the assignment's policy. Worked out again on every run from the times
    (a changed due date or extension is exact at once); the checks' scores are never changed by it."""

    known: bool                 # whether a submission time or a late flag was known
    source: str                 # where the time came from: worksheet, blackboard, times, canvas_flag, none
    submitted_at: str           # ISO 8601, "" when unknown
    due: str                    # ISO 8601: this student's due time, extensions included
    days: int                   # started days late after the grace period (0: on time)
    percent: float              # of the earned score deducted
    penalty: float              # points deducted


@dataclass(frozen=True)
class Adjustment:
    """A TA's hand adjustment (a regrade request answered, say). It is kept in the gradebook and applied on
    top of every later run's automatic score until revoked, so a regrade never silently undoes it."""

    id: int
    check: str                  # the check it adjusts; "" for the whole score
    op: str                     # "add" (+1, -0.5) or "set" (=7)
    value: float
    reason: str
    author: str
    made_at: str                # ISO 8601
    basis: float                # the check's automatic points (or the automatic score) when it was made
    stale: bool = False         # that automatic result has changed since: the TA should look again

    @property
    def label(self) -> str:
        """How it reads: "+1", "-0.5", "=7"."""
        number = f"{self.value:g}"
        return f"={number}" if self.op == "set" else (number if self.value < 0 else f"+{number}")


def adjusted_score(checks: Sequence[CheckResult], adjustments: Sequence[Adjustment]) -> float:
    """The automatic score with the hand adjustments applied, in the order they were made: those on a check
    first (that check's points, kept within 0 and its maximum: a check cannot be worth more than it is), then
    those on the whole score (which may go above the maximum: extra credit is the TA's call); never below 0.
    An adjustment on a check that no longer exists changes nothing (and is stale)."""
    points = {c.id: c.score for c in checks}
    most = {c.id: c.max_score for c in checks}
    for a in sorted((a for a in adjustments if a.check), key=lambda a: a.id):
        if a.check in points:
            value = a.value if a.op == "set" else points[a.check] + a.value
            points[a.check] = min(most[a.check], max(0.0, value))
    total = sum(points.values())
    for a in sorted((a for a in adjustments if not a.check), key=lambda a: a.id):
        total = a.value if a.op == "set" else total + a.value
    return round(max(0.0, total), 6)


def automatic_points(result: SubmissionResult | None, check: str) -> float | None:
    """The automatic points of a check (or the automatic score, ``check`` ""), the basis of an adjustment."""
    if result is None:
        return 0.0 if not check else None
    if not check:
        return result.score
    found = next((c for c in result.checks if c.id == check), None)
    return found.score if found is not None else None


def late_deduction(earned: float, percent: float) -> float:
    """Points a late policy takes: ``percent`` of the earned score, rounded half up to 2 decimals as a
    gradebook shows it (in decimal, so 15 % of 8.5 is 1.28, not a binary 1.27); never more than was earned."""
    if earned <= 0 or percent <= 0:
        return 0.0
    raw = Decimal(repr(float(earned)))
    cents = (raw * Decimal(repr(float(percent))) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(min(raw, cents))


@dataclass(frozen=True)
class Change:
    """What a run changed for one student against the run before it (from the gradebook)."""

    before: float | None        # None: the student was not in the run before
    after: float | None         # None: no longer in this run
    checks: tuple[str, ...]     # the checks whose status or points changed


@dataclass(frozen=True)
class ClassRow:
    """One line of the class: a graded submission, a roster student who submitted nothing, or both."""

    student: str                            # the key: the report's file name; a missing student's roster id
    result: SubmissionResult | None         # None: nothing submitted
    max_score: float
    student_id: str = ""                    # from the roster
    name: str = ""                          # the person's name (roster, else the LMS's)
    lms: str = ""                           # moodle, canvas, blackboard or "" (a plain folder)
    lms_id: str = ""
    on_roster: bool | None = None           # None: no roster was given
    matched_by: str = ""                    # lms_id, name or email
    late: Late | None = None                # None: the assignment has no late policy
    notes: tuple[Text, ...] = ()            # what a TA must know about this line (another file set aside, ...)
    adjustments: tuple[Adjustment, ...] = ()  # the TA's hand adjustments in force (the gradebook's)
    change: Change | None = None            # what this run changed against the one before (None: nothing)
    submitted_at: str = ""                  # ISO 8601 as the LMS or TIMES gave it ("" when unknown)

    @property
    def status(self) -> str:
        return "missing" if self.result is None else self.result.status

    @property
    def raw_score(self) -> float:
        return self.result.score if self.result is not None else 0.0

    @property
    def adjusted(self) -> float:
        """The earned score: the automatic one with the hand adjustments."""
        if self.result is None:
            return adjusted_score((), [a for a in self.adjustments if not a.check])
        return adjusted_score(self.result.checks, self.adjustments) if self.adjustments else self.raw_score

    @property
    def adjustment(self) -> float:
        return round(self.adjusted - self.raw_score, 6)

    @property
    def penalty(self) -> float:
        return late_deduction(self.adjusted, self.late.percent) if self.late is not None else 0.0

    @property
    def score(self) -> float:
        return round(max(0.0, self.adjusted - self.penalty), 6)

    @property
    def needs_look(self) -> bool:
        return any(a.stale for a in self.adjustments)


def rows_of(items) -> list[ClassRow]:
    """Class rows from rows or bare results (a class graded without a roster or a late policy)."""
    return [i if isinstance(i, ClassRow) else ClassRow(i.student, i, i.max_score, lms_id=i.lms_id) for i in items]


# -- similar submissions (issue 16): what grader/similarity found, for the reports ---------------------------
@dataclass(frozen=True)
class SimilarPair:
    """Two submissions (or a submission and an earlier semester's file) that share code of their own: code
    that is neither the stub nor what much of the class wrote. A flagged pair is a reason for a person to
    look, never a verdict."""

    a: str                                  # a student
    b: str                                  # a student, or an archived file (``archived``)
    similarity: float                       # 0..1: the larger of share_a and share_b
    flagged: bool
    lines_a: tuple[tuple[int, int], ...]    # the matching passages, as (first line, last line) of each file
    lines_b: tuple[tuple[int, int], ...]
    shared_tokens: int                      # tokens of own code matched (the smaller file's count)
    longest: int                            # the longest matching passage, in tokens
    reason: Text | None = None              # why it was flagged, in words (None when it was not)
    archived: bool = False                  # ``b`` is from ARCHIVE, not this class
    share_a: float = 0.0                    # the share of a's own code (not stub, not common) that b has too
    share_b: float = 0.0                    # and of b's that a has
    links: tuple[tuple[int, int, int, int], ...] = ()   # a flagged pair: (a's first, last line) -> b's lines

    @property
    def page(self) -> str:
        """The pair page's file name, inside ``similarity/``."""
        return f"{_file_safe(self.a)}__{_file_safe(self.b)}.html"


def _file_safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in name)[:80]


@dataclass(frozen=True)
class SimilarFile:
    """A compared file as the pair page shows it: its text (a notebook's code cells, in order) and, per
    line, what the margin says (the line number, or ``cell 3 · 2`` for a notebook)."""

    name: str
    file: str
    text: str
    gutter: tuple[str, ...] = ()
    archived: bool = False


@dataclass(frozen=True)
class SimilarityReport:
    """The class compared with itself (and with ARCHIVE): every pair that shares own code, highest first,
    which of them are flagged and why, and groups of three or more sharing one source."""

    pairs: tuple[SimilarPair, ...]          # every pair sharing at least 10% of its own code, highest first
    clusters: tuple[tuple[str, ...], ...]
    files: dict[str, SimilarFile]           # the flagged pairs' files, for their pages
    students: int                           # submissions compared
    archived: int                           # earlier files compared against
    compared: int                           # pairs compared (every two students, and each with each archived file)
    median: float                           # the class's typical pair similarity
    threshold: float                        # a pair at or above this (and long enough) is flagged
    common_students: int                    # a passage in more than this many submissions is common knowledge
    notes: tuple[Text, ...] = ()            # files that could not be read or tokenized whole
    seconds: float = 0.0

    @property
    def flagged(self) -> tuple[SimilarPair, ...]:
        return tuple(p for p in self.pairs if p.flagged)
