"""How hand adjustments combine with the automatic score and the late policy, and how a TA's words are read."""
from __future__ import annotations

import pytest

from grader.feedback.text import Text
from grader.gradebook.commands import CommandError, find_student, parse_points
from grader.results import Adjustment, CheckResult, ClassRow, Late, Status, adjusted_score, late_deduction

T = Text("x", "x")
CHECKS = (CheckResult("a", T, "c", Status.PASSED, 1.0, 1.0, T), CheckResult("b", T, "c", Status.FAILED, 0.0, 2.0, T))


def adj(k: int, check: str, op: str, value: float) -> Adjustment:
    return Adjustment(k, check, op, value, "why", "ta", "2026-12-07T12:00:00+00:00", 0.0)


@pytest.mark.parametrize("adjustments, expected", [
    ((), 1.0),
    ((adj(1, "b", "add", 1),), 2.0),                          # +1 on a failed check
    ((adj(1, "b", "add", 5),), 3.0),                          # a check never goes above its points (2)
    ((adj(1, "a", "add", -3),), 0.0),                         # nor below 0
    ((adj(1, "b", "set", 1.5),), 2.5),
    ((adj(1, "", "add", 2),), 3.0),                           # on the whole score: extra credit is allowed
    ((adj(1, "", "set", 7), adj(2, "b", "add", 1)), 7.0),     # the whole score's "=" comes after the checks'
    ((adj(2, "", "add", 1), adj(1, "", "set", 0)), 1.0),      # in the order they were made
    ((adj(1, "", "add", -5),), 0.0),
    ((adj(1, "gone", "add", 1),), 1.0),                       # a check no longer in the assignment changes nothing
])
def test_adjustments_apply_in_order_within_each_checks_points(adjustments, expected):
    assert adjusted_score(CHECKS, adjustments) == expected


def test_the_late_policy_takes_its_percent_of_the_adjusted_score():
    from grader.results import SubmissionResult
    result = SubmissionResult("kim", "nn", T, "kim.py", "", "", True, None, CHECKS, {})
    late = Late(True, "times", "", "", 1, 10.0, 0.0)
    row = ClassRow("kim", result, 3.0, late=late, adjustments=(adj(1, "b", "add", 2),))
    assert (row.raw_score, row.adjusted, row.penalty, row.score) == (1.0, 3.0, 0.3, 2.7)
    assert late_deduction(8.5, 15) == 1.28                    # half up in decimal, as a gradebook shows it
    assert late_deduction(13, 100) == 13 and late_deduction(0, 50) == 0


@pytest.mark.parametrize("text, expected", [("+1", ("add", 1.0)), ("-0.5", ("add", -0.5)), ("=7", ("set", 7.0)),
                                            (" + 2 ", ("add", 2.0))])
def test_points_are_read_as_the_make_variable_says(text, expected):
    assert parse_points(text) == expected


@pytest.mark.parametrize("text", ["1", "", None, "+", "7=", "+1e3", "=-1"])
def test_points_that_say_nothing_clear_are_refused(text):
    with pytest.raises(CommandError, match="POINTS must be"):
        parse_points(text)


def test_a_student_is_found_by_report_name_id_or_name_and_never_guessed():
    rows = [ClassRow("Kim Minji", None, 13, student_id="2026000001", name="Kim Minji"),
            ClassRow("kim_minji_2", None, 13, student_id="2026000009", name="Kim  Minji"),
            ClassRow("박지훈", None, 13, student_id="2026000003", name="박지훈")]
    assert find_student(rows, "2026000003").student == "박지훈"
    assert find_student(rows, "\u1107\u1161\u11a8\u110c\u1175\u1112\u116e\u11ab").student == "박지훈"   # NFD
    assert find_student(rows, "kim minji").student == "Kim Minji"     # the report's name decides first
    with pytest.raises(CommandError, match="no student 'Lee'"):
        find_student(rows, "Lee")
    twins = [ClassRow("a", None, 13, name="Kim Minji"), ClassRow("b", None, 13, name="kim minji")]
    with pytest.raises(CommandError, match="name of 2 students"):
        find_student(twins, "Kim Minji")
