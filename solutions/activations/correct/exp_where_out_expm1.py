# -*- coding: utf-8 -*-
"""활성화 함수 과제. ufunc의 where= 인자로 필요한 원소에서만 exp를 계산합니다."""
import math

import numpy as np

_vec_erf = np.vectorize(math.erf, otypes=[np.float64])


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    pos = z >= 0
    # 양수 원소에서만 e^(-z), 음수 원소에서만 e^(z)를 계산 (나머지는 0으로 둠)
    e_neg = np.exp(-z, out=np.zeros_like(z), where=pos)
    e_pos = np.exp(z, out=np.zeros_like(z), where=~pos)
    return np.where(pos, 1.0 / (1.0 + e_neg), e_pos / (1.0 + e_pos))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s - s * s


def tanh(z):
    # tanh(z) = sign(z) * (1 - e^{-2|z|}) / (1 + e^{-2|z|}),  expm1로 0 근처의 정밀도 유지
    z = np.asarray(z, dtype=np.float64)
    m = np.expm1(-2.0 * np.abs(z))          # e^{-2|z|} - 1, 범위 (-1, 0]
    return np.sign(z) * (-m) / (2.0 + m)


def tanh_prime(z):
    t = tanh(z)
    return 1.0 - t ** 2


def relu(z):
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0.0)


def relu_prime(z):
    return (np.asarray(z) > 0).astype(np.float64)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0.0) + alpha * np.minimum(z, 0.0)


def leaky_relu_prime(z, alpha=0.01):
    z = np.asarray(z, dtype=np.float64)
    return alpha + (1.0 - alpha) * (z > 0)


def gelu(z):
    z = np.asarray(z, dtype=np.float64)
    return 0.5 * z * (1.0 + _vec_erf(z * (1.0 / math.sqrt(2.0))))


def gelu_prime(z):
    z = np.asarray(z, dtype=np.float64)
    Phi = 0.5 * (1.0 + _vec_erf(z / math.sqrt(2.0)))
    phi = np.exp(-0.5 * np.square(z)) / math.sqrt(2.0 * math.pi)
    return Phi + z * phi


def output_activation(task: str) -> str:
    key = task.casefold()
    if key == "binary_classification":
        return "sigmoid"
    if key == "regression":
        return "linear"
    if key == "hidden":
        return "relu"
    raise KeyError(task)


if __name__ == "__main__":
    z = np.linspace(-3, 3, 7)
    print("sigmoid   ", sigmoid(z))
    print("tanh      ", tanh(z))
    print("gelu      ", gelu(z))
    print("큰 값      ", sigmoid(np.array([-1000.0, 1000.0])), tanh(np.array([-1000.0, 1000.0])))
