"""A check's outcome, and the one function that turns what a check raised into it.

The hidden checks (run by pytest in the grader, ``grader/runner.py``) and the public checks (run by
check.py, ``selfcheck.py``) both end here, so a student reads the same verdict for the same mistake
in both places.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from .compare import CheckFailed
from .faults import Fault, StudentFault
from .protocol import LoadReport
from .source import Source
from .text import Text
from .wording import PASSED, WRONG_ANSWER, describe_fault

GRADER_FAULT = Text("The grader failed on this check; a TA has been told.",
                    "채점기에 문제가 생겨 이 항목을 채점하지 못했습니다. 조교에게 알려졌습니다.")


@dataclass(frozen=True)
class Outcome:
    check_id: str
    passed: bool
    message: Text
    fault: Fault | None = None
    details: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    hint: Text | None = None    # a likely mistake not tied to a comparison (those are in details)


def judge(check_id: str, exc: BaseException | None, source: Source, seconds: float = 0.0,
          grader_fault: Text = GRADER_FAULT, report: LoadReport | None = None) -> Outcome:
    """What a check that raised ``exc`` (None: it returned) means for the student.

    A wrong answer (``CheckFailed``, or a plain ``assert`` in a check), a fault of the student's code
    said plainly, or else a fault of the check itself: ``grader_fault`` and the traceback for a TA.
    """
    if exc is None:
        return Outcome(check_id, True, PASSED, seconds=seconds)
    if isinstance(exc, CheckFailed):
        return Outcome(check_id, False, exc.text, Fault.WRONG, exc.details, seconds, exc.hint)
    if isinstance(exc, StudentFault):
        text, fault, details = describe_fault(exc, source, report)
        return Outcome(check_id, False, text, fault, details, seconds, exc.hint)
    if isinstance(exc, AssertionError):  # a plain assert in a check: a wrong answer, said as written
        said = str(exc)
        return Outcome(check_id, False, Text(said or WRONG_ANSWER.en, said or WRONG_ANSWER.ko), Fault.WRONG, {},
                       seconds)
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return Outcome(check_id, False, grader_fault, Fault.GRADER, {"grader_traceback": tb[-4000:]}, seconds)
