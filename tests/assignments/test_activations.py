"""What the activations assignment promises beyond the generic corpus tests.

(Not named tests/test_activations.py: the grader runs the hidden checks, hidden/test_activations.py, with
pytest in this same process, and a project test module of that name already in sys.modules would be
collected in their place.)

The spec makes numeric promises (the tanh approximation of GELU passes, the kink conventions, the
vanishing-gradient threshold) and the checks name mistakes; both are tested here: the promises on the
grader's own arithmetic, the diagnoses word for word on graded files.
"""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from grader import assignment as assignment_mod
from grader.discover import Submission
from grader.pipeline import grade
from grader.checks import sibling
from helpers import ROOT

FOLDER = ROOT / "assignments" / "activations"
HIDDEN = FOLDER / "hidden" / "test_activations.py"
R = sibling(str(HIDDEN), "reference")
MISTAKES = sibling(str(HIDDEN), "mistakes")
with warnings.catch_warnings():  # the hidden checks' @pytest.mark.check is registered by the grader's plugin only
    warnings.simplefilter("ignore", pytest.PytestUnknownMarkWarning)
    CHECKS = sibling(str(HIDDEN), "test_activations")
PARAMS = assignment_mod.load(FOLDER).params


# -- the spec's numeric promises ------------------------------------------------------------------
def test_the_tanh_approximation_of_gelu_is_within_the_tolerance_the_spec_promises():
    z = np.linspace(-12, 12, 48001)
    assert np.max(np.abs(R.gelu_tanh(z) - R.gelu(z))) < PARAMS["gelu_atol"]
    assert np.max(np.abs(R.gelu_tanh_prime(z) - R.gelu_prime(z))) < PARAMS["gelu_prime_atol"]
    # ... and the coarse sigmoid approximation, which the spec says does not pass, is well outside it
    assert np.max(np.abs(z * R.sigmoid(1.702 * z) - R.gelu(z))) > 10 * PARAMS["gelu_atol"]


@pytest.mark.parametrize("name", sorted(R.FUNCTIONS))
def test_finite_differences_agree_with_the_reference_derivatives(name):
    for z in CHECKS.DERIVATIVE_INPUTS:
        np.testing.assert_allclose(R.finite_difference(R.FUNCTIONS[name], z), R.PRIMES[name](z), rtol=1e-7,
                                   atol=1e-9)


def test_the_derivative_inputs_stay_away_from_the_kink():
    for z in CHECKS.DERIVATIVE_INPUTS:
        assert np.min(np.abs(z)) > 10 * R.H


def test_kink_conventions_of_the_spec():
    assert R.relu_prime(0.0) == 0 and R.leaky_relu_prime(0.0) == R.ALPHA == PARAMS["alpha"]
    assert R.leaky_relu_prime(0.0, 0.1) == 0.1 and R.relu(0.0) == 0 and R.leaky_relu(0.0) == 0


def test_the_vanishing_gradient_demonstration_holds_for_the_reference():
    z_sig, z_relu = R.chain_preactivations()
    assert z_sig.shape == (R.LAYERS, R.CHAINS) and np.all(z_relu > 0)
    assert np.all(np.prod(R.sigmoid_prime(z_sig), axis=0) < PARAMS["threshold"])
    assert np.all(np.prod(R.relu_prime(z_relu), axis=0) == 1)


def test_the_reference_is_stable_where_the_check_looks():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for name in CHECKS.BOUNDED:
            assert np.all(np.isfinite(getattr(R, name)(np.array(PARAMS["large"]))))


def test_output_names_are_matched_kindly():
    assert R.accepted("hidden", "ReLU") and R.accepted("regression", "Identity") and R.accepted("hidden", " relu ")
    assert not R.accepted("hidden", "leaky_relu") and not R.accepted("binary_classification", "softmax")


# -- every known mistake can be told from the right answer on its check's inputs -------------------
def _tables():
    a = PARAMS["alpha"]
    yield "sigmoid", R.sigmoid, MISTAKES.SIGMOID_VALUES, CHECKS.VALUE_INPUTS, 1e-9
    yield "tanh", R.tanh, MISTAKES.TANH_VALUES, CHECKS.VALUE_INPUTS, 1e-9
    yield "relu", R.relu, MISTAKES.RELU_VALUES, CHECKS.VALUE_INPUTS, 1e-9
    yield "leaky_relu", lambda z: R.leaky_relu(z, a), MISTAKES.leaky_values(a), CHECKS.VALUE_INPUTS, 1e-9
    yield "gelu", R.gelu, MISTAKES.GELU_VALUES, CHECKS.VALUE_INPUTS, PARAMS["gelu_atol"]
    yield "sigmoid_prime", R.sigmoid_prime, MISTAKES.SIGMOID_PRIMES, CHECKS.DERIVATIVE_INPUTS, 1e-7
    yield "tanh_prime", R.tanh_prime, MISTAKES.TANH_PRIMES, CHECKS.DERIVATIVE_INPUTS, 1e-7
    yield "relu_prime", R.relu_prime, MISTAKES.RELU_PRIMES, CHECKS.DERIVATIVE_INPUTS, 1e-7
    yield "leaky_relu_prime", lambda z: R.leaky_relu_prime(z, a), MISTAKES.leaky_primes(a), CHECKS.DERIVATIVE_INPUTS, 1e-7
    yield "gelu_prime", R.gelu_prime, MISTAKES.GELU_PRIMES, CHECKS.DERIVATIVE_INPUTS, PARAMS["gelu_prime_atol"]


@pytest.mark.parametrize("name,right,table,inputs,atol", list(_tables()), ids=[t[0] for t in _tables()])
def test_every_mistake_differs_from_the_right_answer(name, right, table, inputs, atol):
    for code, fn, text in table:
        with np.errstate(all="ignore"):
            differs = [not np.allclose(fn(np.asarray(z, float)), right(z), rtol=1e-5, atol=atol) for z in inputs
                       if np.shape(fn(np.asarray(z, float))) == np.shape(right(z))] or [True]
        assert any(differs), f"{name}: mistake {code} gives the right answer on every input of the check"
        assert text.en and text.ko


# -- diagnoses, word for word, on graded files ------------------------------------------------------
@pytest.fixture(scope="module")
def mutant_checks():
    a = assignment_mod.load(FOLDER)
    names = ("sigmoid_prime_of_activation", "leaky_slope_wrong_side", "tanh_prime_one_minus_tanh", "naive_sigmoid",
             "output_hidden_sigmoid", "sigmoid_derivative_name")
    out = {}
    for n in names:
        path = ROOT / "solutions" / "activations" / "mutants" / f"{n}.py"
        out[n] = {c.id: c for c in grade(a, Submission(n, path)).checks}
    return out


def test_sigmoid_prime_of_an_activation_is_named(mutant_checks):
    c = mutant_checks["sigmoid_prime_of_activation"]["derivatives.sigmoid_prime"]
    assert "Likely mistake" not in c.message.en  # the diagnosis is a field; the plain text says it last
    assert c.full_message.en.splitlines()[-1] == (
        "Likely mistake: sigmoid_prime computed z * (1 - z), the formula a * (1 - a) applied to its argument as if it "
        "were the activation. sigmoid_prime takes the pre-activation z: compute s = sigmoid(z) first, then "
        "s * (1 - s).")
    assert c.full_message.ko.splitlines()[-1].startswith("추정되는 실수: sigmoid_prime이 z * (1 - z)를 계산했습니다")
    assert c.details["comparisons"][0]["diagnosis"]["code"] == "sigmoid_prime_of_activation"


def test_leaky_slope_on_the_wrong_side_is_named(mutant_checks):
    c = mutant_checks["leaky_slope_wrong_side"]["values.leaky_relu"]
    assert c.full_message.en == (
        "leaky_relu of an array of shape (7,) (the default alpha, 0.01):\n"
        "leaky_relu([-30. ,  -2. ,  -0.5,   0. ,   0.5,   2. ,  30. ]): 6 of 7 entries differ (at [0] expected -0.3, "
        "got -30; at [1] expected -0.02, got -2; at [2] expected -0.005, got -0.5). Largest absolute error 29.7, "
        "largest relative error 99.\n"
        "Likely mistake: the slope alpha is on the wrong side: leaky_relu(z) = z for z > 0 and alpha * z for z <= 0.")


def test_tanh_derivative_without_the_square_is_named(mutant_checks):
    c = mutant_checks["tanh_prime_one_minus_tanh"]["derivatives.tanh_prime"]
    assert c.full_message.en.splitlines()[-1] == (
        "Likely mistake: 1 - tanh(z) is missing the square: tanh's derivative is 1 - tanh(z)**2.")


def test_an_overflow_warning_fails_stability_even_with_right_values(mutant_checks):
    c = mutant_checks["naive_sigmoid"]["stability.large_inputs"]
    assert c.status == "failed" and c.fault == "wrong"
    assert c.message.en.startswith('sigmoid([-1000.,  -710.,  -100.,   -30.,     0.,    30.,   100.,   710.,  1000.]): '
                                   'numpy warned "RuntimeWarning: overflow encountered in exp"')
    assert "The values are right, but only by luck" in c.message.en
    assert mutant_checks["naive_sigmoid"]["values.sigmoid"].status == "passed"


def test_a_wrong_output_choice_says_why(mutant_checks):
    c = mutant_checks["output_hidden_sigmoid"]["output.choice"]
    assert c.full_message.en == (
        "output_activation('hidden') should be 'relu', got 'sigmoid'.\nLikely mistake: The sigmoid in hidden layers makes gradients "
        "vanish (its derivative is at most 0.25). The lecture's default for hidden layers is ReLU: simple, "
        "efficient, and its slope is 1 for z > 0, so gradients do not vanish.")


def test_a_misnamed_function_costs_only_its_checks_and_says_the_name(mutant_checks):
    checks = mutant_checks["sigmoid_derivative_name"]
    failed = {i for i, c in checks.items() if c.status == "failed"}
    assert failed == {"derivatives.sigmoid_prime", "stability.large_inputs", "vanishing.gradient_product"}
    c = checks["derivatives.sigmoid_prime"]
    assert c.message.en == ("Your code defines no function named sigmoid_prime while the grader called "
                            "sigmoid_prime(array of shape (6,)): the grader calls each function by the exact name in "
                            "the specification. Did you name it sigmoid_derivative?")
    assert c.message.ko == ("코드의 sigmoid_prime(이)라는 함수가 없습니다 (채점기가 sigmoid_prime(shape (6,)인 배열)을(를) "
                            "호출하는 중). 채점기는 명세에 적힌 이름 그대로 함수를 호출합니다. 혹시 sigmoid_derivative(이)라고 "
                            "이름을 붙이지 않았나요?")


# -- stability.large_inputs with the proxy's record of warnings (student.last_warnings) ----------------
class RecordingStudent:
    """Stands in for the proxy once it records each call's warnings as "RuntimeWarning: ..." strings."""

    def __init__(self, functions: dict):
        self.functions, self.output, self.last_warnings = functions, "", None

    def call(self, name, *args, numpy_defaults=False):
        import warnings as w
        with w.catch_warnings(record=True) as caught, np.errstate(all="warn"):
            w.simplefilter("always")
            value = self.functions[name](*args)
        self.last_warnings = [f"{c.category.__name__}: {c.message}" for c in caught]
        self.output += "RuntimeWarning: overflow encountered in exp\n"  # printed text is not read when recorded
        return value


def _stable_functions(**changes):
    functions = {name: getattr(R, name) for name in CHECKS.BOUNDED}
    functions.update(changes)
    return functions


def test_stability_reads_the_recorded_warnings_when_the_proxy_has_them():
    CHECKS.test_stability_large_inputs(RecordingStudent(_stable_functions()), PARAMS)  # passes: nothing recorded
    naive = RecordingStudent(_stable_functions(sigmoid=lambda z: 1 / (1 + np.exp(-np.asarray(z, float)))))
    with pytest.raises(CHECKS.CheckFailed) as info:
        CHECKS.test_stability_large_inputs(naive, PARAMS)
    assert 'numpy warned "RuntimeWarning: overflow encountered in exp"' in info.value.text.en
    assert "The values are right, but only by luck" in info.value.text.en
    assert info.value.details["comparisons"][0]["diagnosis"]["code"] == "sigmoid_overflow"
