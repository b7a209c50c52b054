import math
import numpy as np


@np.vectorize
def _phi_cdf(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _pdf(x):
    return np.exp(-0.5 * np.square(x)) / math.sqrt(2.0 * math.pi)


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    with np.errstate(over="ignore"):        # exp(1000) is inf, and 1 / (1 + inf) is exactly 0: ask numpy not to warn
        return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    a = sigmoid(z)
    return a * (1.0 - a)


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1.0 - tanh(z) ** 2


def relu(z):
    return np.maximum(0.0, z)


def relu_prime(z):
    return np.asarray(np.asarray(z) > 0, dtype=float)


def leaky_relu(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, z, np.multiply(alpha, z))


def leaky_relu_prime(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, alpha)


def gelu(z):
    z = np.asarray(z, dtype=float)
    return z * _phi_cdf(z)


def gelu_prime(z):
    z = np.asarray(z, dtype=float)
    return _phi_cdf(z) + z * _pdf(z)


def output_activation(task):
    match task:
        case "binary_classification":
            return "sigmoid"
        case "regression":
            return "linear"
        case "hidden":
            return "relu"
    raise ValueError(f"unknown task {task!r}")
