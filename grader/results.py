"""Frozen result records: what a grading run knows about one submission, and nothing else.

Reports are rendered from these alone (and they round-trip through ``NAME.json``), so a report never
needs the config, the submission or the sandbox.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Text:
    """One message in both languages the feedback is written in."""

    en: str
    ko: str

    def get(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def __add__(self, other: "Text") -> "Text":
        return Text(self.en + other.en, self.ko + other.ko)

    @staticmethod
    def join(parts: list["Text"], sep: str = "\n") -> "Text":
        return Text(sep.join(p.en for p in parts), sep.join(p.ko for p in parts))


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"


class Fault(StrEnum):
    """Why a failed check failed, beyond a wrong answer."""

    WRONG = "wrong"          # the answer was checked and is wrong
    ERROR = "error"          # the student's code raised
    TIMEOUT = "timeout"
    CRASH = "crash"          # the student's process died
    TYPE = "type"            # returned something that is not plain numeric data
    NOT_GRADABLE = "not_gradable"
    GRADER = "grader"        # a fault of the grader itself (logged for the TA)


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


@dataclass(frozen=True)
class SubmissionResult:
    student: str
    assignment: str
    assignment_title: Text
    file: str
    sha256: str
    graded_at: str
    gradable: bool
    problem: Text | None
    checks: tuple[CheckResult, ...]
    concepts: dict[str, Text]                    # concept id -> its name, for the report
    lecture: dict[str, Text] = field(default_factory=dict)  # concept id -> where the lecture teaches it
    output: str = ""                             # the student's printed output (capped)
    load_warnings: tuple[Text, ...] = ()
    protections: dict[str, Any] = field(default_factory=dict)
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

    def to_dict(self, lang: str) -> dict[str, Any]:
        """Gradescope's results.json shape (score, max_score, tests[]) plus what our reports need."""
        return {
            "score": self.score,
            "max_score": self.max_score,
            "output": self.problem.get(lang) if self.problem else "",
            "tests": [{"id": c.id, "name": c.name.get(lang), "status": str(c.status), "score": c.score,
                       "max_score": c.max_score, "output": c.message.get(lang),
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
                       "fault": Fault(c["fault"]) if c["fault"] else None})
        for c in r["checks"])
    return SubmissionResult(**r)
