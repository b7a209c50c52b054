import math
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    p = z >= 0
    out[p] = 1 / (1 + np.exp(-z[p]))
    out[~p] = np.exp(z[~p]) / (1 + np.exp(z[~p]))
    return out


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(z, 0)


def relu_prime(z):
    return (np.asarray(z) >= 0).astype(float)       # 0에서도 1


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, alpha * z, z)


def leaky_relu_prime(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, alpha, 1.0)


erf = np.vectorize(math.erf)


def gelu(z):
    return 0.5 * z * (1 + erf(np.asarray(z) / math.sqrt(2)))


def gelu_prime(z):
    z = np.asarray(z, dtype=float)
    return 0.5 * (1 + erf(z / math.sqrt(2))) + z * np.exp(-z * z / 2) / math.sqrt(2 * math.pi)


def output_activation(task):
    return {"binary_classification": "sigmoid", "regression": "linear", "hidden": "relu"}[task]
