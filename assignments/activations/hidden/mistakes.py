"""The known mistakes of the activations assignment: for each function and derivative, what a common
mistake computes instead, and how the feedback names it.

Each table is a tuple of ``(code, answer(z), words)``; the hidden checks (``test_activations.py``) compare
a wrong answer with every answer here and name the first that matches.  Never handed out.
"""
from __future__ import annotations

import numpy as np

from grader.checks import Text, sibling

R = sibling(__file__, "reference")
T = Text


def _clip(z):
    return np.clip(z, -700, 700)


SIGMOID_VALUES = (
    ("sigmoid_sign", lambda z: R.sigmoid(-z),
     T("the exponent has the wrong sign: sigmoid(z) = 1 / (1 + np.exp(-z)).",
       "지수의 부호가 틀렸습니다: sigmoid(z) = 1 / (1 + np.exp(-z)) 입니다.")),
    ("sigmoid_is_tanh", R.tanh, T("this is tanh, not the sigmoid.", "sigmoid가 아니라 tanh입니다.")),
    ("sigmoid_is_derivative", R.sigmoid_prime,
     T("this is the sigmoid's derivative, not the sigmoid.", "sigmoid가 아니라 sigmoid의 도함수입니다.")),
    ("sigmoid_minus", lambda z: 1 / (1 - np.exp(-_clip(z))),
     T("the denominator is 1 - exp(-z); it should be 1 + exp(-z).", "분모가 1 - exp(-z)입니다. 1 + exp(-z)이어야 합니다.")),
)
TANH_VALUES = (
    ("tanh_half", lambda z: np.tanh(z / 2),
     T("this is tanh(z / 2): (1 - e^-z) / (1 + e^-z) and 2 * sigmoid(z) - 1 both need 2z, "
       "tanh(z) = (1 - e^(-2z)) / (1 + e^(-2z)) = 2 * sigmoid(2z) - 1 (or simply np.tanh(z)).",
       "tanh(z / 2)가 계산되었습니다: (1 - e^-z) / (1 + e^-z)나 2 * sigmoid(z) - 1에는 2z가 들어가야 합니다. "
       "tanh(z) = (1 - e^(-2z)) / (1 + e^(-2z)) = 2 * sigmoid(2z) - 1 (또는 간단히 np.tanh(z))입니다.")),
    ("tanh_is_sigmoid", R.sigmoid,
     T("this is the sigmoid (between 0 and 1); tanh is between -1 and 1.",
       "sigmoid(0과 1 사이)가 계산되었습니다. tanh는 -1과 1 사이의 값입니다.")),
    ("tanh_sinh", lambda z: np.sinh(_clip(z)),
     T("this is sinh(z) = (e^z - e^-z) / 2; tanh divides by e^z + e^-z instead.",
       "sinh(z) = (e^z - e^-z) / 2가 계산되었습니다. tanh는 e^z + e^-z로 나눕니다.")),
    ("tanh_is_derivative", R.tanh_prime,
     T("this is tanh's derivative, not tanh.", "tanh가 아니라 tanh의 도함수입니다.")),
)
RELU_VALUES = (
    ("relu_minimum", lambda z: np.minimum(z, 0),
     T("np.minimum keeps the negative part; ReLU keeps the positive part: np.maximum(z, 0).",
       "np.minimum은 음수 부분을 남깁니다. ReLU는 양수 부분을 남깁니다: np.maximum(z, 0).")),
    ("relu_identity", lambda z: z,
     T("negative inputs are not set to 0: relu(z) = max(z, 0) for every entry.",
       "음수 입력을 0으로 바꾸지 않았습니다: 모든 원소에 대해 relu(z) = max(z, 0)입니다.")),
    ("relu_np_max", lambda z: np.max(z, axis=0),
     T("np.max(z, 0) is the largest entry of z along axis 0, not an element-wise maximum; use np.maximum(z, 0).",
       "np.max(z, 0)은 축 0 방향의 최댓값이지 원소별 최댓값이 아닙니다. np.maximum(z, 0)을 쓰세요.")),
    ("relu_abs", np.abs, T("this is |z|; ReLU sets negative inputs to 0.", "|z|가 계산되었습니다. ReLU는 음수 입력을 0으로 만듭니다.")),
    ("relu_leaky", R.leaky_relu,
     T("this is leaky_relu (0.01 * z for negative z); relu gives 0 there.",
       "leaky_relu(음수에서 0.01 * z)가 계산되었습니다. relu는 음수에서 0입니다.")),
    ("relu_is_derivative", R.relu_prime,
     T("this is relu's derivative (0 or 1), not relu.", "relu가 아니라 relu의 도함수(0 또는 1)입니다.")),
)


def leaky_values(alpha: float):
    table = [
        ("leaky_wrong_side", lambda z, a: np.where(z > 0, a * z, z),
         T("the slope alpha is on the wrong side: leaky_relu(z) = z for z > 0 and alpha * z for z <= 0.",
           "alpha 기울기를 반대쪽에 적용했습니다: z > 0이면 z, z <= 0이면 alpha * z입니다.")),
        ("leaky_is_relu", lambda z, a: R.relu(z),
         T("negative inputs give 0, as in ReLU; Leaky ReLU gives them alpha * z, a small slope instead of 0.",
           "ReLU처럼 음수 입력에서 0이 나왔습니다. Leaky ReLU는 음수 입력에 0 대신 작은 기울기 alpha * z를 줍니다.")),
        ("leaky_constant", lambda z, a: np.where(z > 0, z, a),
         T("negative inputs give alpha itself; they should give alpha * z.",
           "음수 입력에서 alpha 자체가 나왔습니다. alpha * z가 나와야 합니다.")),
        ("leaky_max_alpha", lambda z, a: np.maximum(a, z),
         T("np.maximum(alpha, z) compares z with the number alpha; use np.maximum(alpha * z, z) or "
           "np.where(z > 0, z, alpha * z).",
           "np.maximum(alpha, z)는 z를 숫자 alpha와 비교합니다. np.maximum(alpha * z, z)나 "
           "np.where(z > 0, z, alpha * z)를 쓰세요.")),
        ("leaky_is_derivative", lambda z, a: R.leaky_relu_prime(z, a),
         T("this is leaky_relu's derivative, not leaky_relu.", "leaky_relu가 아니라 leaky_relu의 도함수입니다.")),
    ]
    if alpha != R.ALPHA:
        table.append(("leaky_alpha_ignored", lambda z, a: R.leaky_relu(z, R.ALPHA),
                      T(f"the alpha argument is ignored: the slope is 0.01 even though alpha={alpha} was passed.",
                        f"alpha 인자를 쓰지 않았습니다: alpha = {alpha} 값을 넘겼는데도 기울기가 0.01입니다.")))
    return [(code, (lambda fn: lambda z: fn(z, alpha))(fn), text) for code, fn, text in table]


def _gelu_tanh_with(c, k):
    return lambda z: 0.5 * z * (1 + np.tanh(c * (z + k * z ** 3)))


GELU_VALUES = (
    ("gelu_no_sqrt2", lambda z: 0.5 * z * (1 + R._erf(z)),
     T("erf's argument must be z / sqrt(2): Phi(z) = 0.5 * (1 + erf(z / sqrt(2))).",
       "erf의 인자는 z / sqrt(2)여야 합니다: Phi(z) = 0.5 * (1 + erf(z / sqrt(2))).")),
    ("gelu_no_half", lambda z: z * (1 + R._erf(z / np.sqrt(2))),
     T("the factor 0.5 is missing: gelu(z) = 0.5 * z * (1 + erf(z / sqrt(2))).",
       "0.5를 곱하지 않았습니다: gelu(z) = 0.5 * z * (1 + erf(z / sqrt(2))).")),
    ("gelu_cdf_only", R.std_normal_cdf,
     T("this is Phi(z), the Gaussian CDF, alone; GELU multiplies it by z: gelu(z) = z * Phi(z).",
       "가우시안 누적분포함수 Phi(z)만 계산했습니다. GELU는 여기에 z를 곱합니다: gelu(z) = z * Phi(z).")),
    ("gelu_no_cubic", _gelu_tanh_with(R.GELU_C, 0.0),
     T("the tanh approximation lacks the cubic term: tanh(sqrt(2 / pi) * (z + 0.044715 * z**3)).",
       "tanh 근사식에서 3차 항이 빠졌습니다: tanh(sqrt(2 / pi) * (z + 0.044715 * z**3)).")),
    ("gelu_sqrt_2pi", _gelu_tanh_with(np.sqrt(2 * np.pi), R.GELU_K),
     T("the constant of the tanh approximation is sqrt(2 / pi), about 0.798, not sqrt(2 * pi).",
       "tanh 근사식의 상수는 sqrt(2 * pi)가 아니라 약 0.798인 sqrt(2 / pi)입니다.")),
    ("gelu_sigmoid_approx", lambda z: z * R.sigmoid(1.702 * z),
     T("z * sigmoid(1.702 z) is a coarser approximation (off by up to 0.02); use the exact erf form or the "
       "tanh approximation.",
       "z * sigmoid(1.702 z)는 오차가 최대 0.02인 거친 근사식입니다. erf를 쓴 정확한 식이나 tanh 근사식을 쓰세요.")),
    ("gelu_is_derivative", R.gelu_prime,
     T("this is gelu's derivative, not gelu.", "gelu가 아니라 gelu의 도함수입니다.")),
)

SIGMOID_PRIMES = (
    ("sigmoid_prime_of_activation", lambda z: z * (1 - z),
     T("sigmoid_prime computed z * (1 - z), the formula a * (1 - a) applied to its argument as if it were the "
       "activation. sigmoid_prime takes the pre-activation z: compute s = sigmoid(z) first, then s * (1 - s).",
       "sigmoid_prime이 z * (1 - z)를 계산했습니다: 활성값 a에 쓰는 식 a * (1 - a)를 인자에 그대로 적용했습니다. "
       "sigmoid_prime은 활성화 전의 값 z를 받으므로 먼저 s = sigmoid(z)를 구한 뒤 s * (1 - s)를 계산하세요.")),
    ("sigmoid_prime_is_sigmoid", R.sigmoid,
     T("this is sigmoid itself, not its derivative.", "도함수가 아니라 sigmoid 자체입니다.")),
    ("sigmoid_prime_tanh_formula", lambda z: 1 - R.sigmoid(z) ** 2,
     T("1 - sigmoid(z)**2 is tanh's formula; the sigmoid's derivative is sigmoid(z) * (1 - sigmoid(z)).",
       "1 - sigmoid(z)**2는 tanh의 도함수 식입니다. sigmoid의 도함수는 sigmoid(z) * (1 - sigmoid(z))입니다.")),
    ("sigmoid_prime_mixed", lambda z: R.sigmoid(z) * (1 - z),
     T("only one factor uses sigmoid(z): sigmoid(z) * (1 - z); both need it: s * (1 - s) with s = sigmoid(z).",
       "한 인수에만 sigmoid(z)를 썼습니다: sigmoid(z) * (1 - z). s = sigmoid(z)로 두고 s * (1 - s)를 계산하세요.")),
    ("sigmoid_prime_twice", lambda z: R.sigmoid_prime(R.sigmoid(z)),
     T("the sigmoid is applied twice: sigmoid(s) * (1 - sigmoid(s)) with s = sigmoid(z); use s * (1 - s).",
       "sigmoid를 두 번 적용했습니다: s = sigmoid(z)에 대해 sigmoid(s) * (1 - sigmoid(s))를 계산했습니다. "
       "s * (1 - s)를 쓰세요.")),
)
TANH_PRIMES = (
    ("tanh_prime_no_square", lambda z: 1 - np.tanh(z),
     T("1 - tanh(z) is missing the square: tanh's derivative is 1 - tanh(z)**2.",
       "1 - tanh(z)에서 제곱이 빠졌습니다: tanh의 도함수는 1 - tanh(z)**2입니다.")),
    ("tanh_prime_of_activation", lambda z: 1 - z ** 2,
     T("tanh_prime computed 1 - z**2, the formula 1 - a**2 applied to its argument as if it were the activation. "
       "tanh_prime takes z: compute t = tanh(z) first, then 1 - t**2.",
       "tanh_prime이 1 - z**2를 계산했습니다: 활성값 a에 쓰는 식 1 - a**2를 인자에 그대로 적용했습니다. "
       "먼저 t = tanh(z)를 구한 뒤 1 - t**2를 계산하세요.")),
    ("tanh_prime_square_inside", lambda z: 1 - np.tanh(z ** 2),
     T("1 - np.tanh(z**2) squares z inside tanh; the square goes outside: 1 - np.tanh(z)**2.",
       "1 - np.tanh(z**2)는 tanh 안에서 z를 제곱합니다. 제곱은 바깥에 있어야 합니다: 1 - np.tanh(z)**2.")),
    ("tanh_prime_sigmoid_formula", lambda z: np.tanh(z) * (1 - np.tanh(z)),
     T("t * (1 - t) is the sigmoid's formula; tanh's derivative is 1 - t**2 with t = tanh(z).",
       "t * (1 - t)는 sigmoid의 도함수 식입니다. tanh의 도함수는 t = tanh(z)일 때 1 - t**2입니다.")),
    ("tanh_prime_is_tanh", R.tanh, T("this is tanh itself, not its derivative.", "도함수가 아니라 tanh 자체입니다.")),
)
RELU_PRIMES = (
    ("relu_prime_is_relu", R.relu,
     T("this returns relu(z) itself; the derivative is 1 for z > 0 and 0 for z <= 0.",
       "relu(z) 값 자체를 반환했습니다. 도함수는 z > 0이면 1, z <= 0이면 0입니다.")),
    ("relu_prime_ones", lambda z: np.ones_like(z),
     T("the derivative is 1 everywhere; for z < 0 ReLU is flat, so its slope is 0.",
       "모든 곳에서 1이 나왔습니다. z < 0에서 ReLU는 평평하므로 기울기가 0입니다.")),
    ("relu_prime_wrong_side", lambda z: (z < 0).astype(float),
     T("1 for negative z and 0 for positive z: the comparison is reversed (z > 0).",
       "음수 z에서 1, 양수 z에서 0이 나왔습니다: 비교가 반대입니다 (z > 0).")),
    ("relu_prime_identity", lambda z: z, T("this returns z itself; the derivative is 1 for z > 0 and 0 for z <= 0.",
                                          "z를 그대로 반환했습니다. 도함수는 z > 0이면 1, z <= 0이면 0입니다.")),
)


def leaky_primes(alpha: float):
    table = [
        ("leaky_prime_wrong_side", lambda z, a: np.where(z > 0, a, 1.0),
         T("the slope alpha is on the wrong side: the derivative is 1 for z > 0 and alpha for z <= 0.",
           "alpha 기울기를 반대쪽에 적용했습니다: 도함수는 z > 0이면 1, z <= 0이면 alpha입니다.")),
        ("leaky_prime_alpha_times_z", lambda z, a: np.where(z > 0, 1.0, a * z),
         T("for z <= 0 it returns alpha * z (leaky_relu's value) instead of alpha (its slope).",
           "z <= 0에서 기울기 alpha가 아니라 leaky_relu의 값 alpha * z를 반환했습니다.")),
        ("leaky_prime_is_relu_prime", lambda z, a: R.relu_prime(z),
         T("for z <= 0 it returns 0, ReLU's slope; Leaky ReLU's slope there is alpha.",
           "z <= 0에서 ReLU의 기울기인 0을 반환했습니다. Leaky ReLU의 기울기는 alpha입니다.")),
        ("leaky_prime_is_leaky", lambda z, a: R.leaky_relu(z, a),
         T("this returns leaky_relu(z) itself, not its slope.", "기울기가 아니라 leaky_relu(z) 값 자체를 반환했습니다.")),
    ]
    if alpha != R.ALPHA:
        table.append(("leaky_prime_alpha_ignored", lambda z, a: R.leaky_relu_prime(z, R.ALPHA),
                      T(f"the alpha argument is ignored: the slope for z <= 0 is 0.01 even though alpha={alpha} "
                        "was passed.",
                        f"alpha 인자를 쓰지 않았습니다: alpha = {alpha} 값을 넘겼는데도 z <= 0에서 기울기가 0.01입니다.")))
    return [(code, (lambda fn: lambda z: fn(z, alpha))(fn), text) for code, fn, text in table]


def _gelu_no_cubic_prime(z):
    t = np.tanh(R.GELU_C * z)
    return 0.5 * (1 + t) + 0.5 * z * (1 - t ** 2) * R.GELU_C


GELU_PRIMES = (
    ("gelu_prime_no_product_rule", R.std_normal_cdf,
     T("only Phi(z): gelu(z) = z * Phi(z) is a product, so by the product rule gelu'(z) = Phi(z) + z * phi(z), "
       "with phi(z) = exp(-z**2 / 2) / sqrt(2 * pi); the z * phi(z) term is missing.",
       "Phi(z)만 계산했습니다: gelu(z) = z * Phi(z)는 곱이므로 곱의 미분법에 따라 gelu'(z) = Phi(z) + z * phi(z)입니다 "
       "(phi(z) = exp(-z**2 / 2) / sqrt(2 * pi)). z * phi(z) 항이 빠졌습니다.")),
    ("gelu_prime_second_term_only", lambda z: z * R.std_normal_pdf(z),
     T("only z * phi(z): by the product rule gelu'(z) = Phi(z) + z * phi(z); the Phi(z) term is missing.",
       "z * phi(z)만 계산했습니다: 곱의 미분법에 따라 gelu'(z) = Phi(z) + z * phi(z)입니다. Phi(z) 항이 빠졌습니다.")),
    ("gelu_prime_no_z", lambda z: R.std_normal_cdf(z) + R.std_normal_pdf(z),
     T("the second term lacks its factor z: gelu'(z) = Phi(z) + z * phi(z).",
       "두 번째 항에 z를 곱하지 않았습니다: gelu'(z) = Phi(z) + z * phi(z).")),
    ("gelu_prime_pdf", R.std_normal_pdf,
     T("this is phi(z), the Gaussian density, alone; gelu'(z) = Phi(z) + z * phi(z).",
       "가우시안 확률밀도함수 phi(z)만 계산했습니다. gelu'(z) = Phi(z) + z * phi(z)입니다.")),
    ("gelu_no_cubic", _gelu_no_cubic_prime,
     T("the tanh approximation lacks the cubic term: tanh(sqrt(2 / pi) * (z + 0.044715 * z**3)), and its "
       "derivative needs the inner factor sqrt(2 / pi) * (1 + 3 * 0.044715 * z**2).",
       "tanh 근사식에서 3차 항이 빠졌습니다: tanh(sqrt(2 / pi) * (z + 0.044715 * z**3)). 도함수에는 안쪽 함수의 미분 "
       "sqrt(2 / pi) * (1 + 3 * 0.044715 * z**2)도 곱해야 합니다.")),
    ("gelu_prime_is_gelu", R.gelu, T("this returns gelu(z) itself, not its slope.", "기울기가 아니라 gelu(z) 값 자체를 반환했습니다.")),
)
