"""Hidden checks of the activations assignment (never leave the TA's machine).

Each test decides one check id.  Student code is reached only through the ``student`` proxy
(``student.call("sigmoid", z)`` runs the student's module-level function in the sandbox and returns plain
data); every expected value is computed here, by ``reference.py``, and every comparison happens in this
process.  A derivative is expected to be the slope measured by central finite differences of the
grader's own function, so no derivative formula of the student's is trusted.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from grader.checks import (CheckFailed, Mistake, StudentBadValue, StudentError, StudentFault, Text, as_array, close,
                           compare, diagnosis, public, require, sibling)

R = sibling(__file__, "reference")
M = sibling(__file__, "mistakes")    # the known mistakes: the answer each would give, and its words
P = public(__file__)                 # the public checks' words (check.py says the same)
T = Text


# -- calling the student's functions -------------------------------------------------------------


def fault_hint(student, name: str, exc: StudentError) -> Text | None:
    """What an exception raised by the student's function most likely means, for the feedback."""
    msg = exc.message
    if "truth value of an array" in msg:
        return T("Python's max() or an if statement compares a whole array at once; use numpy's element-wise "
                 "np.maximum(z, 0) or np.where(z > 0, ..., ...).",
                 "파이썬의 max()나 if 문은 배열 전체를 한꺼번에 비교합니다. 원소별로 계산하는 np.maximum(z, 0)이나 "
                 "np.where(z > 0, ..., ...)를 쓰세요.")
    if "AxisError" in exc.type_name or ("axis" in msg and "out of bounds" in msg):
        return T("np.max(z, 0) is the largest entry of z along axis 0, not an element-wise maximum; use "
                 "np.maximum(z, 0).",
                 "np.max(z, 0)은 축 0 방향의 최댓값을 구하는 함수이지 원소별 최댓값이 아닙니다. np.maximum(z, 0)을 쓰세요.")
    if "converted to Python scalars" in msg or "must be real number" in msg:
        return T("math.exp / math.erf / math.tanh take one number, not an array; use np.exp and np.tanh, and "
                 "np.vectorize(math.erf) for erf.",
                 "math.exp, math.erf, math.tanh는 숫자 하나만 받습니다. 배열에는 np.exp, np.tanh를 쓰고, erf는 "
                 "np.vectorize(math.erf)로 감싸서 쓰세요.")
    if exc.type_name == "NameError" and "'erf'" in msg:
        return T("numpy has no erf, and scipy is not installed where the grader runs your code: use "
                 "np.vectorize(math.erf), or the tanh approximation of GELU.",
                 "numpy에는 erf가 없고, 채점 환경에는 scipy가 설치되어 있지 않습니다. np.vectorize(math.erf)를 쓰거나 "
                 "GELU의 tanh 근사식을 쓰세요.")
    if exc.type_name == "TypeError" and "positional argument" in msg and name.startswith("leaky_relu"):
        return T(f"{name} must take alpha as its second argument, with a default: def {name}(z, alpha=0.01).",
                 f"{name}은(는) 두 번째 인자로 기본값이 있는 alpha를 받아야 합니다: def {name}(z, alpha=0.01).")
    return None


def call(student, name: str, *args, numpy_defaults: bool = False):
    """The student's ``name(*args)``; a fault comes back with the most likely reason attached."""
    try:
        return student.call(name, *args, numpy_defaults=numpy_defaults)
    except StudentError as exc:
        hint = fault_hint(student, name, exc)
        if hint is not None and exc.hint is None:
            exc.hint = hint
        raise


WARNING = re.compile(r"\b(RuntimeWarning): ([^\n]+)")
HARMFUL = ("overflow", "invalid value", "divide by zero")  # an underflow to 0 is harmless: e^-1000 is 0


def call_watching(student, name: str, *args):
    """The student's ``name(*args)`` and the RuntimeWarnings numpy raised during the call.

    Prefers the proxy's record of the call's warnings (``student.last_warnings``); without it, falls back
    on what the call printed: Python prints a warning the first time a line of code raises it, so the
    first overflow of each line in the student's file is seen, which is what this check needs (no
    earlier check feeds |z| > 30).  The call runs under numpy's own floating-point handling: a file that
    calls np.seterr(all="ignore") at import still overflows, and is judged on it.
    """
    before = len(student.output)
    value = call(student, name, *args, numpy_defaults=True)
    recorded = getattr(student, "last_warnings", None)
    if recorded is None:
        recorded = [f"{m.group(1)}: {m.group(2).strip()}" for m in WARNING.finditer(student.output[before:])]
    return value, [str(w) for w in recorded if "RuntimeWarning" in str(w) and any(t in str(w) for t in HARMFUL)]


def show(z) -> str:
    return np.array2string(np.asarray(z, dtype=float), precision=3, threshold=10, separator=", ")


def kind(z) -> Text:
    return P.SCALAR if np.ndim(z) == 0 else P.ARRAY.format(shape=np.shape(z))


def mistakes_for(table, z, *args, concept: str) -> list[Mistake]:
    out = []
    with np.errstate(all="ignore"):
        for code, fn, text in table:
            answer = fn(np.asarray(z, dtype=float), *args)
            if answer is not None:
                out.append(Mistake(code, text, answer, concept))
    return out


# -- values ------------------------------------------------------------------------------------
# The 1-D array first: one number cannot tell most mistakes apart (relu(-3) is -3 for np.minimum and for
# no clipping alike), seven numbers across both signs can.
VALUE_INPUTS = (np.array([-30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0]), 0.0, 2.0, -3.0,
                np.linspace(-6, 6, 12).reshape(3, 4), np.linspace(-10, 10, 12).reshape(2, 3, 2))


SCALAR_AS_1D = T("a number in must give a number out, but this came back as an array of shape (1,) (np.atleast_1d "
                 "or np.array([z])?); np.asarray(z, dtype=float) keeps a number 0-dimensional, and boolean masks "
                 "work on it too.",
                 "숫자 하나를 넣으면 숫자 하나가 나와야 하는데 shape (1,)인 배열이 나왔습니다 (np.atleast_1d나 "
                 "np.array([z])를 쓰지 않았나요?). np.asarray(z, dtype=float)는 숫자를 0차원 그대로 두고, 불리언 "
                 "마스크도 그대로 쓸 수 있습니다.")


def check_values(student, name: str, expected, table, concept: str, *, args=(), atol: float = 1e-9,
                 note: Text | None = None, inputs=VALUE_INPUTS) -> None:
    shown_args = "".join(f", {a}" for a in args)
    for z in inputs:
        got = call(student, name, z, *args)
        context = P.OF.format(name=name) + kind(z)
        if note is not None:
            context = context + T(" ", " ") + note
        context = context + T(":", "")
        mistakes = mistakes_for(table, z, concept=concept)
        if np.ndim(z) == 0:
            mistakes.append(Mistake("scalar_as_1d", SCALAR_AS_1D, np.reshape(expected(z, *args), (1,)), concept))
        compare(f"{name}({show(z)}{shown_args})", got, expected(z, *args), rtol=1e-5, atol=atol,
                mistakes=mistakes, scalar_ok=True, context=context)
    check_input_unchanged(student, name, args, concept)


INPLACE_PROBE = np.array([[-2.0, -0.5, 0.0], [0.25, 1.5, 3.0]])
IN_PLACE = T("the function assigned into the array it was given (z[...] = ..., z *= ..., or np.asarray(z) and "
             "then an assignment, which does not copy): copy first, np.array(z, dtype=float), or build the result "
             "with np.where.",
             "받은 배열에 바로 값을 대입했습니다 (z[...] = ..., z *= ..., 또는 복사하지 않는 np.asarray(z) 뒤의 "
             "대입). 먼저 np.array(z, dtype=float)로 복사하거나 np.where로 결과를 새로 만드세요.")


def check_input_unchanged(student, name: str, args=(), concept: str = "") -> None:
    """``name(z)`` must leave the caller's z as it was: in a network z is used again by backpropagation.
    (The pipe gives each call its own copy of z; the sandbox sends back what the call left in it.)"""
    keep = getattr(student, "call_keeping_args", None)
    if keep is None:
        return
    z = INPLACE_PROBE.copy()
    _, after = keep(name, z, *args)
    left = as_array(after[0])
    if left is not None and left.shape == z.shape and np.array_equal(left, z, equal_nan=True):
        return
    shown_args = "".join(f", {a}" for a in args)
    label = f"{name}(z{shown_args})"
    detail = {"label": f"z after {label}", "label_ko": f"{label} 호출 뒤의 z",
              "expected_shape": list(z.shape), "expected": z.tolist(),
              "diagnosis": diagnosis("input_changed_in_place", IN_PLACE, concept)}
    if left is not None:
        detail.update(actual_shape=list(left.shape), actual=left.tolist() if left.size <= 36 else None)
    raise CheckFailed(P.INPUT_CHANGED.format(call=label), {"comparisons": [detail]})


@pytest.mark.check("values.sigmoid")
def test_values_sigmoid(student):
    check_values(student, "sigmoid", R.sigmoid, M.SIGMOID_VALUES, "sigmoid")


@pytest.mark.check("values.tanh")
def test_values_tanh(student):
    check_values(student, "tanh", R.tanh, M.TANH_VALUES, "tanh")


@pytest.mark.check("values.relu")
def test_values_relu(student):
    check_values(student, "relu", R.relu, M.RELU_VALUES, "relu")


@pytest.mark.check("values.leaky_relu")
def test_values_leaky_relu(student, params):
    check_values(student, "leaky_relu", lambda z: R.leaky_relu(z, params["alpha"]), M.leaky_values(params["alpha"]),
                 "relu", note=T("(the default alpha, 0.01)", "(기본값 alpha = 0.01)"))
    given = params["alpha_given"]
    check_values(student, "leaky_relu", R.leaky_relu, M.leaky_values(given), "relu", args=(given,),
                 inputs=VALUE_INPUTS[:1] + VALUE_INPUTS[3:5], note=T(f"(alpha = {given} passed as the second argument)",
                                                    f"(두 번째 인자로 alpha = {given}을 넘김)"))


GELU_NOTE = T("(the exact form 0.5 * z * (1 + erf(z / sqrt(2))) is expected; within 0.001 of it also passes, "
              "so the tanh approximation does)",
              "(기준은 erf를 쓴 정확한 식 0.5 * z * (1 + erf(z / sqrt(2)))이며, 0.001 이내의 차이는 통과하므로 "
              "tanh 근사식도 정답입니다)")


@pytest.mark.check("values.gelu")
def test_values_gelu(student, params):
    check_values(student, "gelu", R.gelu, M.GELU_VALUES, "gelu", atol=params["gelu_atol"], note=GELU_NOTE)


# -- derivatives -------------------------------------------------------------------------------
# Away from 0, where relu and leaky_relu have their kink (relu.at_zero checks there).
DERIVATIVE_INPUTS = (np.array([-3.7, -1.2, -0.35, 0.4, 1.1, 2.9]), 0.7, -1.3,
                     np.linspace(-4.05, 3.95, 12).reshape(3, 4), np.linspace(-2.9, 3.1, 8).reshape(2, 2, 2))


def own_slope(student, fname: str, z, args) -> np.ndarray | None:
    """The finite-difference slope of the student's own function at z, or None when it cannot be had."""
    try:
        up = as_array(call(student, fname, np.asarray(z, dtype=float) + R.H, *args))
        down = as_array(call(student, fname, np.asarray(z, dtype=float) - R.H, *args))
    except StudentFault:  # only a diagnosis: the check fails on the derivative either way
        return None
    if up is None or down is None or up.shape != down.shape:
        return None
    return (up - down) / (2 * R.H)


OWN_FORMULA = {"sigmoid": ("s * (1 - s)", "s", lambda s: s * (1 - s)),
               "tanh": ("1 - t**2", "t", lambda t: 1 - t ** 2)}


def own_function_mistake(student, fname: str, z, args, got) -> Text | None:
    """When a wrong derivative follows from the student's own wrong function, says so (fix that first)."""
    prime = fname + "_prime"
    if fname in OWN_FORMULA:
        formula, var, fn = OWN_FORMULA[fname]
        try:
            value = as_array(call(student, fname, z, *args))
        except StudentFault:
            value = None
        with np.errstate(all="ignore"):
            if value is not None and close(got, fn(value), rtol=1e-4, atol=1e-9):
                return T(f"{prime} applies the right formula, {formula}, to {var} = your {fname}(z), but that "
                         f"{fname} is wrong (see values.{fname}): fix {fname} first, and {prime} will follow.",
                         f"{prime}은(는) 올바른 식 {formula}를 제출한 {fname}(z)의 값 {var}에 적용했지만, 그 "
                         f"{fname}이(가) 틀렸습니다 (values.{fname} 참고). {fname}을(를) 먼저 고치면 {prime}도 "
                         "맞게 됩니다.")
    own = own_slope(student, fname, z, args)
    if own is not None and close(got, own, rtol=1e-4, atol=1e-6):
        return T(f"{prime} is the slope of your own {fname}, but that {fname} is wrong (see values.{fname}): "
                 f"fix {fname} first, and {prime} will follow.",
                 f"{prime}은(는) 제출한 {fname}의 기울기와 일치하지만, 그 {fname}이(가) 틀렸습니다 "
                 f"(values.{fname} 참고). {fname}을(를) 먼저 고치면 {prime}도 맞게 됩니다.")
    return None


def check_derivative(student, fname: str, table, concept: str, *, args=(), atol: float = 1e-7,
                     note: Text | None = None) -> None:
    prime = fname + "_prime"
    shown_args = "".join(f", {a}" for a in args)
    f = R.FUNCTIONS[fname]
    for z in DERIVATIVE_INPUTS:
        got = call(student, prime, z, *args)
        context = T(f"{prime}(z{shown_args}) should be the slope of {fname} at z (z is the pre-activation, not "
                    f"the activation {fname}(z)). The grader measured the slope by central finite differences, "
                    f"({fname}(z + h) - {fname}(z - h)) / 2h with h = {R.H:g}",
                    f"{prime}(z{shown_args})는 z에서 {fname}의 기울기여야 합니다 (z는 활성값 {fname}(z)가 아니라 "
                    f"활성화 전의 값입니다). 채점기는 중앙 차분 ({fname}(z + h) - {fname}(z - h)) / 2h "
                    f"(h = {R.H:g})로 기울기를 측정했습니다")
        if note is not None:
            context = context + T(" ", " ") + note
        context = context + T(", for ", ". 입력: ") + kind(z) + T(":", "")
        try:
            compare(f"{prime}({show(z)}{shown_args})", got, R.finite_difference(f, z, *args), rtol=1e-5,
                    atol=atol, mistakes=mistakes_for(table, z, concept=concept), scalar_ok=True, context=context)
        except CheckFailed as exc:
            comparison = (exc.details.get("comparisons") or [{}])[0]
            if comparison.get("diagnosis"):
                raise
            text = own_function_mistake(student, fname, z, args, got)
            if text is None:
                raise
            comparison["diagnosis"] = diagnosis(f"{prime}_of_wrong_{fname}", text, concept)
            raise CheckFailed(exc.text, exc.details) from None
    check_input_unchanged(student, prime, args, concept)


@pytest.mark.check("derivatives.sigmoid_prime")
def test_derivative_sigmoid(student):
    check_derivative(student, "sigmoid", M.SIGMOID_PRIMES, "sigmoid")


@pytest.mark.check("derivatives.tanh_prime")
def test_derivative_tanh(student):
    check_derivative(student, "tanh", M.TANH_PRIMES, "tanh")


@pytest.mark.check("derivatives.relu_prime")
def test_derivative_relu(student):
    check_derivative(student, "relu", M.RELU_PRIMES, "relu")


@pytest.mark.check("derivatives.leaky_relu_prime")
def test_derivative_leaky_relu(student, params):
    check_derivative(student, "leaky_relu", M.leaky_primes(params["alpha"]), "relu")
    given = params["alpha_given"]
    check_derivative(student, "leaky_relu", M.leaky_primes(given), "relu", args=(given,),
                     note=T(f"(alpha = {given} passed as the second argument)", f"(두 번째 인자로 alpha = {given}을 넘김)"))


@pytest.mark.check("derivatives.gelu_prime")
def test_derivative_gelu(student, params):
    check_derivative(student, "gelu", M.GELU_PRIMES, "gelu", atol=params["gelu_prime_atol"],
                     note=T("(measured on the exact form; the tanh approximation's derivative is within 0.0015 and "
                            "passes)", "(정확한 식으로 측정했으며, tanh 근사식의 도함수는 0.0015 이내이므로 통과합니다)"))


# -- at and around the kink --------------------------------------------------------------------
KINK = np.array([-1e-9, 0.0, 1e-9])
AT_ZERO = (
    ("relu_prime_at_zero_one", lambda z: (z >= 0).astype(float),
     T("relu_prime(0) gives 1: the specification's convention is relu_prime(0) = 0 (test z > 0, not z >= 0).",
       "relu_prime(0)이 1입니다: 명세의 약속은 relu_prime(0) = 0입니다 (z >= 0이 아니라 z > 0으로 비교하세요).")),
    ("relu_prime_at_zero_half", lambda z: (1 + np.sign(z)) / 2,
     T("relu_prime(0) gives 0.5 ((1 + np.sign(z)) / 2?): the specification's convention is relu_prime(0) = 0.",
       "relu_prime(0)이 0.5입니다 ((1 + np.sign(z)) / 2?): 명세의 약속은 relu_prime(0) = 0입니다.")),
)


def leaky_at_zero(alpha: float):
    return [("leaky_prime_at_zero_one", lambda z: np.where(z >= 0, 1.0, alpha),
             T(f"leaky_relu_prime(0) gives 1: the specification's convention is leaky_relu_prime(0) = alpha "
               f"(here {alpha}): test z > 0, not z >= 0.",
               f"leaky_relu_prime(0)이 1입니다: 명세의 약속은 leaky_relu_prime(0) = alpha(여기서는 {alpha})입니다. "
               "z >= 0이 아니라 z > 0으로 비교하세요."))]


@pytest.mark.check("relu.at_zero")
def test_relu_at_zero(student, params):
    alpha = params["alpha"]
    context = T("At z = 0 and a hair either side of it (1e-9): relu(z) = max(z, 0); relu_prime(z) is 1 for z > 0 "
                "and 0 for z <= 0; leaky_relu(z) is z for z > 0 and alpha * z for z <= 0; leaky_relu_prime(z) is 1 "
                "for z > 0 and alpha for z <= 0 (the specification's convention at 0).",
                "z = 0과 그 양옆의 아주 가까운 값(1e-9)에서: relu(z) = max(z, 0), relu_prime(z)는 z > 0이면 1이고 "
                "z <= 0이면 0, leaky_relu(z)는 z > 0이면 z이고 z <= 0이면 alpha * z, leaky_relu_prime(z)는 z > 0이면 1이고 "
                "z <= 0이면 alpha입니다 (0에서의 값은 명세의 약속).")
    cases = (("relu", R.relu, M.RELU_VALUES, ()),
             ("relu_prime", R.relu_prime, AT_ZERO + M.RELU_PRIMES, ()),
             ("leaky_relu", lambda z: R.leaky_relu(z, alpha), M.leaky_values(alpha), ()),
             ("leaky_relu_prime", lambda z: R.leaky_relu_prime(z, alpha), leaky_at_zero(alpha) + M.leaky_primes(alpha),
              ()))
    for name, expected, table, args in cases:
        for z in (0.0, KINK):
            got = call(student, name, z, *args)
            # atol 1e-15: leaky_relu(-1e-9) = -1e-11 must not pass for 0 or -1e-9
            compare(f"{name}({show(z)})", got, expected(z), rtol=1e-6, atol=1e-15,
                    mistakes=mistakes_for(table, z, concept="relu"), scalar_ok=True, context=context)


# -- numerical stability -----------------------------------------------------------------------
STABILITY_PROBE = np.array([-3.0, -0.5, 0.5, 2.0])
NOT_RIGHT = T("Not assessed: {names} {give} wrong values for ordinary inputs such as z = [-3, -0.5, 0.5, 2] (the "
              "values and derivatives checks say what is wrong), so there is nothing whose {what} could be judged.",
              "판단할 수 없습니다: {names}이(가) z = [-3, -0.5, 0.5, 2] 같은 보통 크기의 입력에서 틀린 값을 냅니다 "
              "(무엇이 틀렸는지는 값과 도함수 검사 항목을 보세요). 그래서 {what_ko}을(를) 판단할 수 없습니다.")


def not_right(student, names) -> list[str]:
    """The functions among ``names`` that give wrong values on an ordinary probe (z = -3 ... 2); a function
    that raises fails the check in hand with that, as any call does."""
    return [name for name in names
            if not close(call(student, name, STABILITY_PROBE), getattr(R, name)(STABILITY_PROBE))]


def not_assessed(wrong: list[str], what: str, what_ko: str) -> CheckFailed:
    return CheckFailed(NOT_RIGHT.format(names=", ".join(wrong), give="gives" if len(wrong) == 1 else "give",
                                        what=what, what_ko=what_ko))
BOUNDED = ("sigmoid", "sigmoid_prime", "tanh", "tanh_prime")
OVERFLOW_TEXT = {
    "sigmoid": T("np.exp(-z) is larger than the largest float64 (about 1.8e308) once -z > 709.78, so "
                 "1 / (1 + np.exp(-z)) overflows for large negative z. Compute each sign on its own entries: "
                 "1 / (1 + np.exp(-z)) where z >= 0 and np.exp(z) / (1 + np.exp(z)) where z < 0, with a boolean "
                 "mask (np.where evaluates both branches on every entry, so it still overflows), or use "
                 "e = np.exp(-np.abs(z)), which never exceeds 1.",
                 "-z가 709.78보다 크면 np.exp(-z)가 float64의 최댓값(약 1.8e308)을 넘어서, 큰 음수 z에서 "
                 "1 / (1 + np.exp(-z))는 overflow가 일어납니다. 부호별로 해당 원소에만 따로 계산하세요: z >= 0인 원소는 "
                 "1 / (1 + np.exp(-z)), z < 0인 원소는 np.exp(z) / (1 + np.exp(z)) (불리언 마스크 사용. np.where는 두 식을 "
                 "모든 원소에 대해 계산하므로 여전히 overflow가 납니다). 또는 1을 넘지 않는 e = np.exp(-np.abs(z))를 쓰세요."),
    "sigmoid_prime": T("write it as s * (1 - s) with s = sigmoid(z) from a stable sigmoid; "
                       "np.exp(-z) / (1 + np.exp(-z))**2 gives inf / inf = NaN for large negative z.",
                       "안정적인 sigmoid로 s = sigmoid(z)를 구해 s * (1 - s)로 계산하세요. "
                       "np.exp(-z) / (1 + np.exp(-z))**2는 큰 음수 z에서 inf / inf = NaN이 됩니다."),
    "tanh": T("(np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)) gives inf / inf = NaN once |z| > 709.78; "
              "np.tanh(z) is stable.",
              "(np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))는 |z| > 709.78이면 inf / inf = NaN이 됩니다. "
              "np.tanh(z)는 안정적입니다."),
    "tanh_prime": T("write it as 1 - np.tanh(z)**2; 1 / np.cosh(z)**2 overflows in np.cosh once |z| > 710.",
                    "1 - np.tanh(z)**2로 계산하세요. 1 / np.cosh(z)**2는 |z| > 710이면 np.cosh에서 overflow가 일어납니다."),
}


@pytest.mark.check("stability.large_inputs")
def test_stability_large_inputs(student, params):
    """No overflow warning and no NaN, and the right values, for |z| up to 1000 where the function is bounded.

    A function that is wrong for ordinary inputs shows nothing about stability: the check fails for it as
    not assessed (after naming any overflow of the others, the mistake this check is about).  The right
    ones are compared with the reference at large |z|, so a 'stable' version that clips too early fails.
    """
    large = np.array(params["large"], dtype=float)
    wrong_when_small = not_right(student, BOUNDED)
    for name in BOUNDED:
        expected = getattr(R, name)
        right_when_small = name not in wrong_when_small
        for z in (large, -1000.0, 1000.0):
            got, warned = call_watching(student, name, z)
            label = f"{name}({show(z)})"
            a = as_array(got)
            if a is not None and a.size == np.size(z):
                got = a = a.reshape(np.shape(z))  # the shape is the values checks' business, not this one's
            if warned:
                finite = a is not None and bool(np.all(np.isfinite(a)))
                right = finite and right_when_small and close(got, expected(z), rtol=1e-6, atol=1e-12)
                said = "; ".join(dict.fromkeys(warned))
                values = (T("The values are right, but only by luck: the inf numpy warned about did not reach "
                              "the result (1 / inf is 0, or np.where dropped it).",
                              "값은 맞지만 우연입니다: numpy가 경고한 inf가 결과에 드러나지 않았을 뿐입니다 "
                              "(1 / inf는 0이 되고, np.where는 다른 쪽 값을 버립니다).") if right else
                          T("Some values are NaN or infinite.", "일부 값이 NaN 또는 무한대입니다.") if not finite else
                          T("", ""))
                detail = {"label": label, "expected_shape": list(np.shape(z)),
                          "expected": np.asarray(expected(z), float).tolist(),
                          "diagnosis": diagnosis(f"{name}_overflow", OVERFLOW_TEXT[name], "stability")}
                if a is not None:
                    detail.update(actual_shape=list(a.shape),
                                  actual=a.tolist() if a.size <= 36 else None)
                raise CheckFailed(
                    T(f"{label}: numpy warned \"{said}\" while computing it, for inputs as large as |z| = 1000. ",
                      f"{label}: |z| = 1000까지의 입력을 계산하는 동안 numpy가 \"{said}\" 경고를 냈습니다. ")
                    + values, {"comparisons": [detail]})
            if right_when_small:
                compare(label, got, expected(z), rtol=1e-6, atol=1e-12, scalar_ok=True,
                        context=T(f"{name} is bounded, so it must stay finite and right for |z| up to 1000:",
                                  f"{name}은(는) 유계 함수이므로 |z|가 1000까지일 때도 유한하고 정확한 값이어야 합니다:"))
            elif a is not None and not np.all(np.isfinite(a)):
                bad = int(a.size - np.count_nonzero(np.isfinite(a)))
                raise CheckFailed(T(f"{label}: {bad} of {a.size} entries are NaN or infinite; a bounded function "
                                    "must stay finite for |z| up to 1000.",
                                    f"{label}: {a.size}개 중 {bad}개 값이 NaN 또는 무한대입니다. 유계 함수는 |z|가 "
                                    "1000까지일 때도 유한한 값이어야 합니다."), hint=OVERFLOW_TEXT[name])
    if wrong_when_small:  # constants or garbage never warn: stability means nothing without the right values
        raise not_assessed(wrong_when_small, "stability at |z| = 1000", "|z| = 1000에서의 수치 안정성")


# -- the vanishing-gradient demonstration -------------------------------------------------------
@pytest.mark.check("vanishing.gradient_product")
def test_vanishing_gradient_product(student, params):
    z_sig, z_relu = R.chain_preactivations()
    limit = params["threshold"]
    shape = z_sig.shape
    wrong = not_right(student, ("sigmoid_prime", "relu_prime"))
    if wrong:  # a constant 1 is relu_prime on the chain's active units, and a constant 0 is below any limit
        raise not_assessed(wrong, "product over layers", "층을 거친 도함수의 곱")
    for name, z, expected, table, story in (
            ("sigmoid_prime", z_sig, R.sigmoid_prime, M.SIGMOID_PRIMES,
             T(f"Backpropagating through {R.LAYERS} sigmoid layers multiplies the gradient by sigmoid'(z_l) once per "
               f"layer. Each factor is at most 0.25, so the product is at most 0.25**10 = 9.5e-07, below {limit:g}: "
               "the gradient vanishes.",
               f"sigmoid 층 {R.LAYERS}개를 거슬러 역전파하면 층마다 기울기에 sigmoid'(z_l)이 한 번씩 곱해집니다. 각 값이 "
               f"0.25 이하이므로 곱은 최대 0.25**10 = 9.5e-07로 {limit:g}보다 작습니다: 기울기 소실입니다.")),
            ("relu_prime", z_relu, R.relu_prime, M.RELU_PRIMES,
             T(f"Through {R.LAYERS} ReLU layers whose units are active (z > 0), every factor relu'(z_l) is 1, so the "
               "product stays 1: the gradient does not vanish.",
               f"활성화된(z > 0) ReLU 층 {R.LAYERS}개를 거치면 relu'(z_l)이 모두 1이므로 곱이 1로 유지됩니다: "
               "기울기가 소실되지 않습니다."))):
        got = call(student, name, z)
        context = T(f"{name}(Z) for Z of shape {shape}: row l holds the pre-activations z_l of layer l, one column per "
                    "example. ", f"shape {shape}인 Z에 대한 {name}(Z): l번째 행은 l번째 층의 활성화 전 값 z_l이고, 열마다 "
                    "예시 하나입니다. ") + story
        a = as_array(got)
        require(a is not None and a.shape == shape,
                context + T(f"\n{name}(Z) should keep the shape {shape}, got "
                            f"{tuple(a.shape) if a is not None else type(got).__name__}.",
                            f"\n{name}(Z)의 shape는 {shape}로 유지되어야 하는데 "
                            f"{tuple(a.shape) if a is not None else type(got).__name__}입니다."))
        with np.errstate(all="ignore"):
            product = np.prod(a, axis=0)
            mistakes = [Mistake(m.code, m.text, np.prod(m.answer, axis=0), "vanishing")
                        for m in mistakes_for(table, z, concept="vanishing")]
        compare(T(f"the product over the {R.LAYERS} layers of {name}(z_l), per column",
                  f"{R.LAYERS}개 층에 걸친 {name}(z_l)의 곱 (열마다)"), product,
                np.prod(expected(z), axis=0), rtol=1e-4, atol=1e-18, mistakes=mistakes, context=context)
        if name == "sigmoid_prime":
            require(bool(np.all(product < limit)), context + T(f"\nThe product should be below {limit:g}.",
                                                               f"\n곱이 {limit:g}보다 작아야 합니다."))
        else:
            require(bool(np.all(product >= limit)), context + T(f"\nThe product should not fall below {limit:g}.",
                                                                f"\n곱이 {limit:g}보다 작아지면 안 됩니다."))


# -- output activation ---------------------------------------------------------------------------
WHY = {
    "binary_classification": T("For binary classification the output layer uses the sigmoid: its value, between 0 and "
                               "1, is read as the probability of class 1.",
                               "Binary Classification에서는 출력층에 sigmoid를 씁니다: 0과 1 사이의 출력값을 클래스 1일 "
                               "확률로 해석합니다."),
    "regression": T("Regression uses a linear output (no activation), so the output can be any real number.",
                    "Regression에서는 출력층에 선형(linear) 활성화, 즉 활성화 함수 없이 z를 그대로 써서 출력이 어떤 "
                    "실수든 될 수 있게 합니다."),
    "hidden": T("The lecture's default for hidden layers is ReLU: simple, efficient, and its slope is 1 for z > 0, "
                "so gradients do not vanish.",
                "강의에서 은닉층의 기본 활성화 함수는 ReLU입니다: 간단하고 효율적이며, z > 0에서 기울기가 1이어서 기울기 "
                "소실이 일어나지 않습니다."),
}
WRONG_CHOICE = {
    ("binary_classification", "softmax"): T("softmax is for more than two classes; for two, one sigmoid unit gives "
                                            "P(y = 1).", "softmax는 클래스가 셋 이상일 때 씁니다. 두 클래스면 sigmoid 유닛 "
                                            "하나가 P(y = 1)을 줍니다."),
    ("binary_classification", "linear"): T("a linear output can be any real number, not a probability between 0 and 1.",
                                           "선형 출력은 어떤 실수든 될 수 있어서 0과 1 사이의 확률이 아닙니다."),
    ("binary_classification", "relu"): T("ReLU's output is not bounded by 1, so it is no probability; ReLU belongs in "
                                         "the hidden layers.", "ReLU의 출력은 1을 넘을 수 있어 확률이 될 수 없습니다. "
                                         "ReLU는 은닉층에 씁니다."),
    ("binary_classification", "tanh"): T("tanh's output lies between -1 and 1, not between 0 and 1 like a probability.",
                                         "tanh의 출력은 -1과 1 사이라서 0과 1 사이의 확률이 아닙니다."),
    ("regression", "sigmoid"): T("the sigmoid squeezes every output into (0, 1), but a regression target can be any "
                                 "real number.", "sigmoid는 모든 출력을 (0, 1)로 눌러 버리지만, Regression의 목표값은 "
                                 "어떤 실수든 될 수 있습니다."),
    ("regression", "relu"): T("ReLU cuts off negative outputs, so a negative target could never be predicted.",
                              "ReLU는 음수 출력을 0으로 잘라서 음수인 목표값을 예측할 수 없습니다."),
    ("regression", "tanh"): T("tanh keeps every output between -1 and 1.", "tanh는 모든 출력을 -1과 1 사이로 제한합니다."),
    ("hidden", "sigmoid"): T("the sigmoid in hidden layers makes gradients vanish (its derivative is at most 0.25).",
                             "은닉층에 sigmoid를 쓰면 기울기 소실이 일어납니다 (도함수가 최대 0.25)."),
    ("hidden", "linear"): T("linear hidden layers collapse into a single linear map: without a nonlinear activation "
                            "the network cannot learn complex patterns.",
                            "선형 은닉층은 여러 층을 쌓아도 하나의 선형 함수와 같습니다: 비선형 활성화 함수 없이는 복잡한 "
                            "패턴을 학습할 수 없습니다."),
    ("hidden", "tanh"): T("tanh saturates too (its slope vanishes for large |z|); the lecture's default is ReLU.",
                          "tanh도 |z|가 크면 기울기가 0에 가까워집니다(포화). 강의의 기본값은 ReLU입니다."),
}


@pytest.mark.check("output.choice")
def test_output_choice(student):
    wrong: list[Text] = []
    comparisons = []
    for task, want in R.OUTPUT.items():
        try:
            got = call(student, "output_activation", task)
        except StudentBadValue as exc:
            raise CheckFailed(T(f"output_activation({task!r}) returned a value of type {exc.type_name}; return the "
                                f"name as a string, e.g. {want!r}, not the function itself.",
                                f"output_activation({task!r})가 {exc.type_name} 값을 반환했습니다. 함수 자체가 아니라 "
                                f"{want!r}처럼 이름을 문자열로 반환하세요.")) from None
        if not isinstance(got, str):
            what = "None" if got is None else type(got).__name__
            raise CheckFailed(T(f"output_activation({task!r}) should return the string {want!r}, got {what}"
                                + (" (is a `return` missing?)." if got is None else "."),
                                f"output_activation({task!r})는 문자열 {want!r}을(를) 반환해야 하는데 {what}이(가) "
                                "반환되었습니다" + (" (`return`을 빠뜨리지 않았나요?)." if got is None else ".")))
        if R.accepted(task, got):
            continue
        said = R.normalise(got)
        said = "linear" if said in R.SYNONYMS["linear"] else said
        why = WRONG_CHOICE.get((task, said))
        code = f"output_{task}_{said}" if why else f"output_{task}_other"
        if why is not None:
            why = T(why.en[:1].upper() + why.en[1:], why.ko)
        reason = why + T(" ", " ") + WHY[task] if why else WHY[task]
        wrong.append(T(f"output_activation({task!r}) should be {want!r}, got {got!r}.",
                       f"output_activation({task!r})는 {want!r}을(를) 반환해야 하는데 {got!r}을(를) 반환했습니다."))
        # a comparison of two strings: no shape, only the two names and why the expected one is right
        comparisons.append({"label": f"output_activation({task!r})", "label_ko": f"output_activation({task!r})",
                            "expected": repr(want), "actual": repr(got), "actual_type": "str",
                            "diagnosis": diagnosis(code, reason, "output")})
    if wrong:
        raise CheckFailed(Text.join(wrong), {"comparisons": comparisons})
