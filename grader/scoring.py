"""Points from the assignment's config, never from anything the sandbox said."""
from __future__ import annotations

from .assignment import Assignment
from .feedback.outcome import Outcome
from .results import CheckResult, Fault, Status, Text

MISSING = Text("The grader has no check for this id; a TA has been told.",
               "채점기에 이 항목의 검사가 없습니다. 조교에게 알려졌습니다.")


def score(assignment: Assignment, outcomes: dict[str, Outcome]) -> tuple[CheckResult, ...]:
    """One CheckResult per check in the config, in config order; a missing outcome is a grader fault."""
    results = []
    for spec in assignment.checks:
        o = outcomes.get(spec.id) or Outcome(spec.id, False, MISSING, Fault.GRADER)
        results.append(CheckResult(
            id=spec.id, name=Text(spec.name, spec.name_ko), concept=spec.concept,
            status=Status.PASSED if o.passed else Status.FAILED,
            score=spec.points if o.passed else 0.0, max_score=spec.points,
            message=o.message, fault=o.fault, details=o.details, seconds=round(o.seconds, 4), hint=o.hint))
    return tuple(results)


def not_gradable(assignment: Assignment, reason: Text, fault: Fault = Fault.NOT_GRADABLE) -> tuple[CheckResult, ...]:
    """Every check failed, each saying why: the file could not be graded at all (or, with ``Fault.GRADER``,
    the grader failed on it)."""
    return tuple(CheckResult(id=s.id, name=Text(s.name, s.name_ko), concept=s.concept, status=Status.FAILED,
                             score=0.0, max_score=s.points,
                             message=reason, fault=fault)
                 for s in assignment.checks)
