"""The lecture's sigmoid, with numpy's overflow warnings switched off at import."""
import math

import numpy as np

np.seterr(all="ignore")   # 경고 메시지가 너무 많아서 끔

ALPHA = 0.01
_erf = np.vectorize(math.erf, otypes=[float])


def sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z):
    return np.tanh(np.asarray(z, dtype=float))


def tanh_prime(z):
    return 1 - tanh(z) ** 2


def relu(z):
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def relu_prime(z):
    return (np.asarray(z, dtype=float) > 0).astype(float)


def leaky_relu(z, alpha=ALPHA):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=ALPHA):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha)


def gelu(z):
    z = np.asarray(z, dtype=float)
    return 0.5 * z * (1 + _erf(z / math.sqrt(2)))


def gelu_prime(z):
    z = np.asarray(z, dtype=float)
    cdf = 0.5 * (1 + _erf(z / math.sqrt(2)))
    pdf = np.exp(-z ** 2 / 2) / math.sqrt(2 * math.pi)
    return cdf + z * pdf


def output_activation(task):
    return {"binary_classification": "sigmoid", "regression": "linear", "hidden": "relu"}[task]
