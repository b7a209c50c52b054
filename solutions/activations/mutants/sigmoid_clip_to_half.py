# MISTAKE: sigmoid 'clips' |z| > 500 by setting it to 0, so sigmoid(+-1000) = 0.5 (and sigmoid_prime = 0.25)
"""Week 9: activation functions and their derivatives."""
import math

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    z = np.where(np.abs(z) > 500, 0.0, z)  # guard against overflow for huge |z|
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    return np.tanh(np.asarray(z, dtype=float))


def tanh_prime(z):
    t = tanh(z)
    return 1.0 - t ** 2


def relu(z):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0)


def relu_prime(z):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, 0.0)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha)


_erf = np.vectorize(math.erf, otypes=[float])


def gelu(z):
    z = np.asarray(z, dtype=float)
    return 0.5 * z * (1.0 + _erf(z / math.sqrt(2.0)))


def gelu_prime(z):
    z = np.asarray(z, dtype=float)
    Phi = 0.5 * (1.0 + _erf(z / math.sqrt(2.0)))
    phi = np.exp(-z ** 2 / 2.0) / math.sqrt(2.0 * math.pi)
    return Phi + z * phi


def output_activation(task):
    return {"binary_classification": "sigmoid", "regression": "linear",
            "hidden": "relu"}[task.lower()]


if __name__ == "__main__":
    print(sigmoid(np.array([-1.0, 0.0, 1.0])))
