"""The diagnosis ladder (``grader/feedback/compare.py``), word for word: the message is the product."""
from __future__ import annotations

import numpy as np
import pytest

from grader.checks import CheckFailed, Mistake, Text, compare, require
from grader.feedback.faults import Fault
from grader.feedback.wording import full_message


def message(actual, expected, **kw) -> CheckFailed:
    with pytest.raises(CheckFailed) as info:
        compare("w3", actual, expected, **kw)
    return info.value


def test_equal_arrays_pass():
    compare("w3", np.ones((2, 3)), np.ones((2, 3)))
    compare("s", 0.5, np.array(0.5), scalar_ok=True)


def test_none_says_return_is_missing():
    e = message(None, np.zeros((1, 2)))
    assert e.text.en == "w3: expected a numpy array of shape (1, 2), but got None (is a `return` missing?)."
    assert "`return`을 빠뜨리지 않았나요?" in e.text.ko


def test_wrong_type_is_named():
    e = message([1.0, 2.0], np.zeros(2))
    assert e.text.en == "w3: expected a numpy array of shape (2,), got list of 2 items."


@pytest.mark.parametrize("got,want,hint", [
    ((3, 2), (2, 3), "The axes are swapped"),
    ((3,), (3, 1), "A 1-D array of shape (n,) is not a column of shape (n, 1)"),
    ((3, 3), (3, 5), "broadcast against a (n, 1) column"),
])
def test_shape_mismatch_names_the_likely_cause(got, want, hint):
    e = message(np.zeros(got), np.zeros(want))
    assert e.text.en.startswith(f"w3: expected shape {want}, got shape {got}.")
    assert hint in e.text.en
    assert e.details["comparisons"][0]["actual_shape"] == list(got)


def test_values_mismatch_reports_count_position_and_largest_errors():
    expected = np.array([[1.0, 2.0, 3.0]])
    got = np.array([[1.0, 2.5, 3.0]])
    e = message(got, expected)
    assert e.text.en == ("w3: 1 of 3 entries differ (at [0, 1] expected 2, got 2.5). "
                         "Largest absolute error 0.5, largest relative error 0.25.")
    assert e.text.ko == ("w3: 3개 중 1개 값이 다릅니다 ([0, 1] 위치: 기대값 2, 실제값 2.5). "
                         "최대 절대 오차 0.5, 최대 상대 오차 0.25.")
    comp = e.details["comparisons"][0]
    assert comp["wrong"] == [[False, True, False]] and comp["n_wrong"] == 1


def test_nan_is_reported_before_values():
    e = message(np.array([np.nan, 1.0]), np.array([0.0, 1.0]))
    assert e.text.en == "w3: 1 of 2 entries are NaN or infinite (overflow?)."


def test_the_matching_mistake_is_named():
    expected = np.array([1.0, 2.0])
    mistakes = [Mistake("double", Text("doubled.", "두 배."), expected * 2),
                Mistake("half", Text("halved.", "절반."), expected / 2)]
    e = message(expected / 2, expected, mistakes=mistakes)
    assert e.details["comparisons"][0]["diagnosis"] == {"code": "half", "en": "halved.", "ko": "절반.", "concept": ""}
    assert "Likely mistake" not in e.text.en  # a field, said once by whoever renders it
    said = full_message(e.text, e.details, e.hint, Fault.WRONG)
    assert said.en == e.text.en + "\nLikely mistake: halved."
    assert said.ko == e.text.ko + "\n추정되는 실수: 절반."
    other = message(expected * 3, expected, mistakes=mistakes)
    assert "diagnosis" not in other.details["comparisons"][0]
    assert full_message(other.text, other.details, None, Fault.WRONG) == other.text


def test_a_hint_is_said_after_the_comparisons_diagnoses():
    details = {"comparisons": [{"diagnosis": {"code": "x", "en": "first.", "ko": "첫째."}}]}
    said = full_message(Text("m", "m"), details, Text("second.", "둘째."), Fault.WRONG)
    assert said.en == "m\nLikely mistake: first.\nLikely mistake: second."
    assert full_message(Text("no file", "파일 없음"), {}, None, Fault.NOT_GRADABLE).ko == "채점 불가: 파일 없음"


def test_context_comes_first_and_labels_can_be_bilingual():
    with pytest.raises(CheckFailed) as info:
        compare(Text("w3 after update", "update 후 w3"), np.zeros(2), np.ones(2), context=Text("Ctx:", "맥락:"))
    assert info.value.text.en.startswith("Ctx:\nw3 after update: 2 of 2 entries differ")
    assert info.value.text.ko.startswith("맥락:\nupdate 후 w3: 2개 중 2개 값이 다릅니다")


def test_shape_only_comparisons_ignore_values_and_show_none():
    compare("a", np.full((2, 3), 7.0), np.zeros((2, 3)), shape_only=True)
    with pytest.raises(CheckFailed) as info:
        compare("a", np.full((3, 2), 7.0), np.zeros((2, 3)), shape_only=True)
    assert "actual" not in info.value.details["comparisons"][0]
    assert info.value.details["comparisons"][0]["expected"] is None


def test_require_fails_with_its_text():
    require(True, Text("no", "아니오"))
    with pytest.raises(CheckFailed) as info:
        require(False, Text("no", "아니오"))
    assert info.value.text.ko == "아니오"
