"""Mutant: every activation left as a placeholder returning zeros; output_activation done."""
import math

import numpy as np


def sigmoid(z):
    """sigmoid(z) = 1 / (1 + e^(-z)).

    |z|가 1000처럼 커도 overflow 경고나 NaN 없이 계산되어야 합니다.
    Must not overflow (no warning, no NaN) for |z| as large as 1000.
    """
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def sigmoid_prime(z):
    """sigmoid의 도함수: sigmoid(z) * (1 - sigmoid(z)). z는 활성화 전의 값입니다.

    The derivative of sigmoid at the pre-activation z: sigmoid(z) * (1 - sigmoid(z)).
    """
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def tanh(z):
    """tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z)), -1과 1 사이의 값. |z| = 1000에서도 overflow 없이.

    tanh(z), between -1 and 1; no overflow for |z| up to 1000.
    """
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def tanh_prime(z):
    """tanh의 도함수: 1 - tanh(z)**2.  /  The derivative of tanh at z: 1 - tanh(z)**2."""
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def relu(z):
    """relu(z) = max(z, 0) (원소별).  /  relu(z) = max(z, 0), element by element."""
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def relu_prime(z):
    """relu의 도함수: z > 0이면 1, z <= 0이면 0 (relu_prime(0) = 0으로 약속합니다).

    The derivative of relu: 1 for z > 0, 0 for z <= 0 (by convention relu_prime(0) = 0).
    """
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def leaky_relu(z, alpha=0.01):
    """leaky_relu(z) = z (z > 0일 때), alpha * z (z <= 0일 때).

    z for z > 0, alpha * z for z <= 0; alpha defaults to 0.01.
    """
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def leaky_relu_prime(z, alpha=0.01):
    """leaky_relu의 도함수: z > 0이면 1, z <= 0이면 alpha (leaky_relu_prime(0) = alpha로 약속합니다).

    The derivative of leaky_relu: 1 for z > 0, alpha for z <= 0 (by convention leaky_relu_prime(0) = alpha).
    """
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def gelu(z):
    """gelu(z) = z * Phi(z) = 0.5 * z * (1 + erf(z / sqrt(2))) (Phi: 표준정규분포의 누적분포함수).

    numpy에는 erf가 없으니 np.vectorize(math.erf)를 쓰거나, tanh 근사식
    0.5 * z * (1 + tanh(sqrt(2 / pi) * (z + 0.044715 * z**3)))을 써도 됩니다 (오차 0.001 이내 인정).

    gelu(z) = z * Phi(z) with Phi the standard normal CDF. numpy has no erf: use np.vectorize(math.erf), or
    the tanh approximation above (answers within 0.001 of the exact form pass).
    """
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def gelu_prime(z):
    """gelu의 도함수: Phi(z) + z * phi(z), phi(z) = exp(-z**2 / 2) / sqrt(2 * pi) (곱의 미분법).

    The derivative of gelu (product rule): Phi(z) + z * phi(z); the tanh approximation's derivative is
    accepted too (within 0.0015).
    """
    return np.zeros_like(np.asarray(z, dtype=float))  # TODO: 나중에 구현


def output_activation(task):
    """문제 유형에 맞는 출력층 활성화 함수의 이름(문자열)을 반환합니다.

    task가 "binary_classification"이면 "sigmoid", "regression"이면 "linear",
    "hidden"(은닉층의 기본값)이면 "relu". 대소문자는 구분하지 않습니다.

    The name of the right activation: "sigmoid" for "binary_classification", "linear" for
    "regression", "relu" for "hidden" (the hidden-layer default). Case does not matter.
    """
    choices = {"binary_classification": "sigmoid", "regression": "linear", "hidden": "relu"}
    return choices[task]
