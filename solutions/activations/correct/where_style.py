import math
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    ez = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + ez), ez / (1.0 + ez))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1.0 - np.tanh(z) ** 2


def relu(z):
    return np.where(z > 0, z, 0.0)


def relu_prime(z):
    return np.where(z > 0, 1.0, 0.0)


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    return np.where(z > 0, 1.0, alpha)


def gelu(z):
    c = math.sqrt(2 / math.pi)
    return 0.5 * z * (1 + np.tanh(c * (z + 0.044715 * z ** 3)))


def gelu_prime(z):
    c = math.sqrt(2 / math.pi)
    t = np.tanh(c * (z + 0.044715 * z ** 3))
    return 0.5 * (1 + t) + 0.5 * z * (1 - t ** 2) * c * (1 + 3 * 0.044715 * z ** 2)


def output_activation(task):
    if task == "binary_classification":
        return "sigmoid"
    if task == "regression":
        return "linear"
    return "relu"


if __name__ == "__main__":
    print(sigmoid(np.array([-1000.0, 0.0, 1000.0])))
