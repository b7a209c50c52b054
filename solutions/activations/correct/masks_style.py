"""Boolean masks: each formula runs only on its own entries."""
import math
import numpy as np


def sigmoid(z):
    z = np.array(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    neg = ~pos
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[neg])
    out[neg] = e / (1 + e)
    return out


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z):
    z = np.array(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    e = np.exp(-2 * z[pos])
    out[pos] = (1 - e) / (1 + e)
    e = np.exp(2 * z[~pos])
    out[~pos] = (e - 1) / (e + 1)
    return out


def tanh_prime(z):
    return 1 - tanh(z) ** 2


def relu(z):
    out = np.array(z, dtype=float)
    out[out < 0] = 0
    return out


def relu_prime(z):
    z = np.array(z, dtype=float)
    out = np.zeros_like(z)
    out[z > 0] = 1
    return out


def leaky_relu(z, alpha=0.01):
    out = np.array(z, dtype=float)
    neg = out <= 0
    out[neg] = alpha * out[neg]
    return out


def leaky_relu_prime(z, alpha=0.01):
    z = np.array(z, dtype=float)
    out = np.ones_like(z)
    out[z <= 0] = alpha
    return out


def gelu(z):
    z = np.array(z, dtype=float)
    out = np.empty_like(z)
    flat, src = out.reshape(-1), z.reshape(-1)
    for i, v in enumerate(src):
        flat[i] = 0.5 * v * (1 + math.erf(v / math.sqrt(2)))
    return out


def gelu_prime(z):
    z = np.array(z, dtype=float)
    out = np.empty_like(z)
    flat, src = out.reshape(-1), z.reshape(-1)
    for i, v in enumerate(src):
        flat[i] = 0.5 * (1 + math.erf(v / math.sqrt(2))) + v * math.exp(-v * v / 2) / math.sqrt(2 * math.pi)
    return out


def output_activation(task):
    task = task.lower()
    if "class" in task:
        return "sigmoid"
    elif "regress" in task:
        return "linear"
    else:
        return "relu"
