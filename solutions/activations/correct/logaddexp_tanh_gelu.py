"""Week 9 assignment: activation functions and their derivatives (numpy only)."""
from __future__ import annotations

import math
from typing import Union

import numpy as np

ArrayLike = Union[float, np.ndarray]

_C = math.sqrt(2.0 / math.pi)   # constant of the tanh approximation of GELU
_K = 0.044715


def sigmoid(z: ArrayLike) -> np.ndarray:
    # 1 / (1 + e^-z) = exp(-log(1 + e^-z)) = exp(-logaddexp(0, -z)); logaddexp never overflows
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))


def sigmoid_prime(z: ArrayLike) -> np.ndarray:
    # s(1 - s) = e^{-|z|} / (1 + e^{-|z|})^2 (symmetric in z), and e^{-|z|} <= 1
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))
    return e / (1.0 + e) ** 2


def tanh(z: ArrayLike) -> np.ndarray:
    return np.tanh(z)


def tanh_prime(z: ArrayLike) -> np.ndarray:
    return 1.0 - np.tanh(z) ** 2


def relu(z: ArrayLike) -> np.ndarray:
    return np.maximum(z, 0.0)


def relu_prime(z: ArrayLike) -> np.ndarray:
    return np.greater(z, 0).astype(float)


def leaky_relu(z: ArrayLike, alpha: float = 0.01) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z: ArrayLike, alpha: float = 0.01) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha)


def gelu(z: ArrayLike) -> np.ndarray:
    """tanh approximation (README: within 0.001 of the exact erf form)."""
    z = np.asarray(z, dtype=float)
    return 0.5 * z * (1.0 + np.tanh(_C * (z + _K * z ** 3)))


def gelu_prime(z: ArrayLike) -> np.ndarray:
    """Derivative of the tanh approximation (within 0.0015 of the exact derivative)."""
    z = np.asarray(z, dtype=float)
    t = np.tanh(_C * (z + _K * z ** 3))
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t ** 2) * _C * (1.0 + 3.0 * _K * z ** 2)


def output_activation(task: str) -> str:
    choices = {
        "binary_classification": "sigmoid",
        "regression": "linear",
        "hidden": "relu",
    }
    return choices[task.lower()]
