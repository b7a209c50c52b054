import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(z, 0.0)


def relu_prime(z):
    return (np.asarray(z) > 0) * 1.0


def leaky_relu(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, z, alpha * np.asarray(z))


def leaky_relu_prime(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, alpha)


def gelu(z):
    # TODO: erf를 어떻게 쓰는지 모르겠음
    raise NotImplementedError


def gelu_prime(z):
    raise NotImplementedError


def output_activation(task):
    raise NotImplementedError
