# Scalars through math, arrays through numpy: both must give the same answers.
import math
import numpy as np


def _is_scalar(z):
    return np.ndim(z) == 0


def _sigmoid_scalar(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


_sigmoid_array = np.vectorize(_sigmoid_scalar, otypes=[float])


def sigmoid(z):
    return _sigmoid_scalar(float(z)) if _is_scalar(z) else _sigmoid_array(z)


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z):
    return math.tanh(float(z)) if _is_scalar(z) else np.tanh(z)


def tanh_prime(z):
    return 1 - tanh(z) ** 2


def relu(z):
    return max(float(z), 0.0) if _is_scalar(z) else np.maximum(z, 0.0)


def relu_prime(z):
    return (1.0 if z > 0 else 0.0) if _is_scalar(z) else (np.asarray(z) > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    if _is_scalar(z):
        return float(z) if z > 0 else alpha * float(z)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    if _is_scalar(z):
        return 1.0 if z > 0 else float(alpha)
    return np.where(z > 0, 1.0, alpha)


_erf = np.vectorize(math.erf, otypes=[float])


def gelu(z):
    if _is_scalar(z):
        return 0.5 * float(z) * (1 + math.erf(float(z) / math.sqrt(2)))
    return 0.5 * z * (1 + _erf(z / math.sqrt(2)))


def gelu_prime(z):
    zz = np.asarray(z, dtype=float)
    out = 0.5 * (1 + _erf(zz / math.sqrt(2))) + zz * np.exp(-zz ** 2 / 2) / math.sqrt(2 * math.pi)
    return float(out) if _is_scalar(z) else out


def output_activation(task):
    """sigmoid for binary classification, linear for regression, ReLU in hidden layers."""
    return "linear" if task == "regression" else ("sigmoid" if task == "binary_classification" else "relu")
