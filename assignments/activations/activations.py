"""9주차 과제: 활성화 함수와 도함수 / Week 9: activation functions and their derivatives.

각 함수를 구현하세요. 자세한 명세는 README.md에 있습니다.
Implement every function below; the full specification is in README.md.

- z는 실수(float) 하나이거나 임의의 shape를 가진 float numpy 배열입니다. 반환값은 z와 같은 shape여야 합니다.
  z is a float or a numpy array of floats of any shape; return the same shape.
- 도함수(..._prime)는 활성화 전의 값 z를 받습니다 (활성값 a가 아닙니다).
  The derivatives (..._prime) take the pre-activation z, not the activation a.
- numpy와 math만 쓰세요 (채점 환경에는 scipy가 없습니다).
  Use numpy and math only (scipy is not installed where your code is graded).
"""
import math

import numpy as np


def sigmoid(z):
    """sigmoid(z) = 1 / (1 + e^(-z)).

    |z|가 1000처럼 커도 overflow 경고나 NaN 없이 계산되어야 합니다.
    Must not overflow (no warning, no NaN) for |z| as large as 1000.
    """
    raise NotImplementedError


def sigmoid_prime(z):
    """sigmoid의 도함수: sigmoid(z) * (1 - sigmoid(z)). z는 활성화 전의 값입니다.

    The derivative of sigmoid at the pre-activation z: sigmoid(z) * (1 - sigmoid(z)).
    """
    raise NotImplementedError


def tanh(z):
    """tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z)), -1과 1 사이의 값. |z| = 1000에서도 overflow 없이.

    tanh(z), between -1 and 1; no overflow for |z| up to 1000.
    """
    raise NotImplementedError


def tanh_prime(z):
    """tanh의 도함수: 1 - tanh(z)**2.  /  The derivative of tanh at z: 1 - tanh(z)**2."""
    raise NotImplementedError


def relu(z):
    """relu(z) = max(z, 0) (원소별).  /  relu(z) = max(z, 0), element by element."""
    raise NotImplementedError


def relu_prime(z):
    """relu의 도함수: z > 0이면 1, z <= 0이면 0 (relu_prime(0) = 0으로 약속합니다).

    The derivative of relu: 1 for z > 0, 0 for z <= 0 (by convention relu_prime(0) = 0).
    """
    raise NotImplementedError


def leaky_relu(z, alpha=0.01):
    """leaky_relu(z) = z (z > 0일 때), alpha * z (z <= 0일 때).

    z for z > 0, alpha * z for z <= 0; alpha defaults to 0.01.
    """
    raise NotImplementedError


def leaky_relu_prime(z, alpha=0.01):
    """leaky_relu의 도함수: z > 0이면 1, z <= 0이면 alpha (leaky_relu_prime(0) = alpha로 약속합니다).

    The derivative of leaky_relu: 1 for z > 0, alpha for z <= 0 (by convention leaky_relu_prime(0) = alpha).
    """
    raise NotImplementedError


def gelu(z):
    """gelu(z) = z * Phi(z) = 0.5 * z * (1 + erf(z / sqrt(2))) (Phi: 표준정규분포의 누적분포함수).

    numpy에는 erf가 없으니 np.vectorize(math.erf)를 쓰거나, tanh 근사식
    0.5 * z * (1 + tanh(sqrt(2 / pi) * (z + 0.044715 * z**3)))을 써도 됩니다 (오차 0.001 이내 인정).

    gelu(z) = z * Phi(z) with Phi the standard normal CDF. numpy has no erf: use np.vectorize(math.erf), or
    the tanh approximation above (answers within 0.001 of the exact form pass).
    """
    raise NotImplementedError


def gelu_prime(z):
    """gelu의 도함수: Phi(z) + z * phi(z), phi(z) = exp(-z**2 / 2) / sqrt(2 * pi) (곱의 미분법).

    The derivative of gelu (product rule): Phi(z) + z * phi(z); the tanh approximation's derivative is
    accepted too (within 0.0015).
    """
    raise NotImplementedError


def output_activation(task):
    """문제 유형에 맞는 출력층 활성화 함수의 이름(문자열)을 반환합니다.

    task가 "binary_classification"이면 "sigmoid", "regression"이면 "linear",
    "hidden"(은닉층의 기본값)이면 "relu". 대소문자는 구분하지 않습니다.

    The name of the right activation: "sigmoid" for "binary_classification", "linear" for
    "regression", "relu" for "hidden" (the hidden-layer default). Case does not matter.
    """
    raise NotImplementedError
