"""The diagnosis ladder: how a check compares the student's answer with the expected one.

A failed comparison says, in this order, the first thing that is wrong: nothing returned, the wrong
type, the wrong shape, non-finite values, wrong values (how many, where, the largest error), and then
the likely mistake, found by comparing the student's answer with what each known mistake would have
produced.  The message is the product; every helper says it in English and Korean.

The likely mistake stays a field (``details["comparisons"][i]["diagnosis"]``, or ``CheckFailed.hint``
for one a check found another way) and is not written into the message: a report puts it in a box
of its own, and a plain-text rendering (``wording.full_message``) adds the "Likely mistake" line.
Hidden and public checks use the same ladder, so a student reads the same words in ``check.py`` as in
the report.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from .plain import TooLarge
from .text import Text

SMALL = 36  # arrays with at most this many entries are shown whole in the report


class CheckFailed(AssertionError):
    """A check's verdict: wrong, with the feedback to show, plain data for the report and, when the check
    recognised one apart from a comparison, the likely mistake (``hint``)."""

    def __init__(self, text: Text, details: dict[str, Any] | None = None, hint: Text | None = None) -> None:
        super().__init__(text.en)
        self.text = text
        self.details = details or {}
        self.hint = hint


@dataclass(frozen=True)
class Mistake:
    """A known mistake and the answer it would have produced on the same input."""

    code: str
    text: Text
    answer: Any
    concept: str = ""


def describe_type(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"numpy array of shape {tuple(value.shape)}"
    if isinstance(value, TooLarge):
        return f"numpy array of shape {value.shape} ({value.nbytes / 2**20:.0f} MB, too large to send back)"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return f"Python {type(value).__name__}"
    if isinstance(value, list):
        return f"list of {len(value)} items"
    if isinstance(value, dict):
        return "dict"
    return type(value).__name__


def _small(a: np.ndarray) -> list | float | None:
    if a.size <= SMALL:
        return np.asarray(a, dtype=float).tolist()
    return None


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _index(idx: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in idx) + "]"


def as_array(value: Any) -> np.ndarray | None:
    """A numeric answer as an array (Python numbers and 0-d arrays alike), else None."""
    if isinstance(value, np.ndarray):
        return value.astype(float, copy=False)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return np.asarray(float(value))
    return None


def close(actual: Any, expected: Any, rtol: float = 1e-5, atol: float = 1e-9) -> bool:
    """True when ``actual`` has ``expected``'s shape and values (computed here, never by the student)."""
    a, e = as_array(actual), np.asarray(expected, dtype=float)
    if a is None or a.shape != e.shape:
        return False
    return bool(np.all(np.isfinite(a) == np.isfinite(e)) and np.allclose(a, e, rtol=rtol, atol=atol, equal_nan=True))


def find_mistake(actual: Any, mistakes: Sequence[Mistake], rtol: float = 1e-5, atol: float = 1e-9) -> Mistake | None:
    for m in mistakes:
        if m.answer is not None and close(actual, m.answer, rtol, atol):
            return m
    return None


def compare(label: str | Text, actual: Any, expected: Any, *, rtol: float = 1e-5, atol: float = 1e-9,
            mistakes: Sequence[Mistake] | Callable[[], Sequence[Mistake]] = (), scalar_ok: bool = False,
            context: Text | None = None, shape_only: bool = False) -> None:
    """Raises CheckFailed unless ``actual`` equals ``expected`` in shape and values.

    ``label`` names what was compared (``"w3 after update"``, or a Text with the Korean);
    ``context`` says how it was produced. ``scalar_ok``: a Python number is as good as a 0-d array
    (sigmoid of a scalar). ``shape_only``: only the shape is this check's business.  ``mistakes`` may be
    a function that makes them: the known mistakes' answers are then computed only for a wrong answer.
    """
    if shape_only:
        actual = np.zeros(actual.shape) if isinstance(actual, np.ndarray) else actual
        expected = np.zeros(np.shape(expected))
    e = np.asarray(expected, dtype=float)
    text_label = label if isinstance(label, Text) else Text(label, label)
    details: dict[str, Any] = {"label": text_label.en, "label_ko": text_label.ko, "expected_shape": list(e.shape),
                               "expected": None if shape_only else _small(e)}
    parts: list[Text] = [context] if context else []

    def fail(text: Text, **more: Any) -> None:
        if shape_only:
            details.pop("actual", None)
        mistake = find_mistake(actual, mistakes() if callable(mistakes) else mistakes, rtol, atol)
        if mistake:
            details["diagnosis"] = diagnosis(mistake.code, mistake.text, mistake.concept)
        details.update(more)
        raise CheckFailed(Text.join(parts + [text]), {"comparisons": [details]})

    if actual is None:
        fail(Text(f"{text_label.en}: expected a numpy array of shape {tuple(e.shape)}, but got None "
                  "(is a `return` missing?).",
                  f"{text_label.ko}: shape {tuple(e.shape)}인 numpy 배열이 나와야 하는데 None이 반환되었습니다 "
                  "(`return`을 빠뜨리지 않았나요?)."), actual_type="None")
    if isinstance(actual, TooLarge):
        details["actual_shape"] = list(actual.shape)
        size = f"{actual.nbytes / 2**20:,.0f}"
        fail(Text(f"{text_label.en}: expected shape {tuple(e.shape)}, got an array of shape {actual.shape} ({size} MB), "
                  "far too large: a broadcast of two arrays of the wrong shapes, or a loop that keeps stacking?",
                  f"{text_label.ko}: shape가 {tuple(e.shape)}이어야 하는데 shape {actual.shape}({size} MB)인 아주 큰 배열이 "
                  "나왔습니다. shape가 맞지 않는 두 배열이 브로드캐스팅되었거나, 반복문에서 계속 쌓이지 않았나요?"))
    a = as_array(actual)
    if a is None:
        fail(Text(f"{text_label.en}: expected a numpy array of shape {tuple(e.shape)}, got {describe_type(actual)}.",
                  f"{text_label.ko}: shape {tuple(e.shape)}인 numpy 배열이 나와야 하는데 {describe_type(actual)}이(가) "
                  "나왔습니다."), actual_type=describe_type(actual))
    details["actual_shape"] = list(a.shape)
    if a.shape != e.shape and not (scalar_ok and e.ndim == 0 and a.size == 1 and a.ndim == 0):
        details["actual"] = _small(a)
        hint = _shape_hint(a.shape, e.shape)
        fail(Text(f"{text_label.en}: expected shape {tuple(e.shape)}, got shape {tuple(a.shape)}.{hint.en}",
                  f"{text_label.ko}: shape가 {tuple(e.shape)}이어야 하는데 {tuple(a.shape)}입니다.{hint.ko}"))
    a = a.reshape(e.shape)
    details["actual"] = _small(a)
    finite_a, finite_e = np.isfinite(a), np.isfinite(e)
    if not np.all(finite_a) and np.all(finite_e):
        bad = int(np.size(a) - np.count_nonzero(finite_a))
        fail(Text(f"{text_label.en}: {bad} of {a.size} entries are NaN or infinite (overflow?).",
                  f"{text_label.ko}: {a.size}개 중 {bad}개 값이 NaN 또는 무한대입니다 (overflow가 일어나지 않았나요?)."),
             wrong=(~finite_a).tolist() if a.size <= SMALL else None)
    ok = np.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True)  # a NaN expected (a student's own answer) is matched
    if np.all(ok):
        return
    wrong = ~ok
    abs_err = np.abs(a - e)
    rel_err = abs_err / np.maximum(np.abs(e), 1e-12)
    n_wrong = int(np.count_nonzero(wrong))
    first = [tuple(int(i) for i in idx) for idx in np.argwhere(wrong)[:3]]
    shown_en = "; ".join(f"at {_index(i)} expected {_fmt(e[i])}, got {_fmt(a[i])}" for i in first)
    shown_ko = "; ".join(f"{_index(i)} 위치: 기대값 {_fmt(e[i])}, 실제값 {_fmt(a[i])}" for i in first)
    max_abs, max_rel = float(np.nanmax(abs_err)), float(np.nanmax(np.where(wrong, rel_err, 0)))
    fail(Text(f"{text_label.en}: {n_wrong} of {a.size} entries differ ({shown_en}). "
              f"Largest absolute error {_fmt(max_abs)}, largest relative error {_fmt(max_rel)}.",
              f"{text_label.ko}: {a.size}개 중 {n_wrong}개 값이 다릅니다 ({shown_ko}). "
              f"최대 절대 오차 {_fmt(max_abs)}, 최대 상대 오차 {_fmt(max_rel)}."),
         wrong=wrong.tolist() if a.size <= SMALL else None, n_wrong=n_wrong, max_abs_error=max_abs,
         max_rel_error=max_rel, first_mismatches=[[list(i), float(e[i]), float(a[i])] for i in first])


def _shape_hint(got: tuple[int, ...], want: tuple[int, ...]) -> Text:
    if len(got) == 2 and len(want) == 2 and got == want[::-1]:
        return Text(" The axes are swapped: is a matrix transposed (or multiplied in the wrong order)?",
                    " 두 축이 뒤바뀌었습니다: 행렬을 전치했거나 곱하는 순서가 바뀌지 않았나요?")
    if len(want) == 2 and want[1] == 1 and got == (want[0],):
        return Text(" A 1-D array of shape (n,) is not a column of shape (n, 1): use np.zeros((n, 1)).",
                    " shape (n,)인 1차원 배열은 (n, 1) 열벡터와 다릅니다: np.zeros((n, 1))을 사용하세요.")
    if len(want) == 2 and len(got) == 2 and got[0] == want[0] and got[1] == got[0] and want[1] != got[1]:
        return Text(" A square result often means a (n,) array was broadcast against a (n, 1) column.",
                    " 정사각 행렬이 나왔다면 (n,) 배열이 (n, 1) 열벡터와 브로드캐스팅된 경우가 많습니다.")
    return Text("", "")


def diagnosis(code: str, text: Text, concept: str = "") -> dict[str, str]:
    """A likely mistake as a comparison's report carries it (plain data: it round-trips through JSON)."""
    return {"code": code, "en": text.en, "ko": text.ko, "concept": concept}


def require(condition: bool, text: Text, details: dict[str, Any] | None = None) -> None:
    """Fails the check with ``text`` unless ``condition`` holds (for checks that are not comparisons)."""
    if not condition:
        raise CheckFailed(text, details)
