import math
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0, -np.asarray(z, dtype=float)))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1 - np.tanh(z)


def relu(z):
    return max(0, z)


def relu_prime(z):
    return np.where(np.asarray(z) > 0, 1.0, 0.0)


def leaky_relu(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, z, alpha * np.asarray(z))


def leaky_relu_prime(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, alpha)


def gelu(z):
    return 0.5 * z * (1 + math.erf(z / math.sqrt(2)))


def gelu_prime(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2))) + z * math.exp(-z ** 2 / 2) / math.sqrt(2 * math.pi)


def output_activation(task):
    if task == "binary_classification":
        return "Sigmoid"
    if task == "regression":
        return "Linear"
    return "ReLU"


print("relu(3) =", relu(3), "gelu(1) =", gelu(1.0))
