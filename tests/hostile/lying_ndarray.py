"""Attack: return an ndarray subclass whose __eq__, __array_function__, __array_ufunc__, all() and
__bool__ all say "equal", holding zeros.
"""
import numpy as np


class Liar(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, bool)

    def __ne__(self, other):
        return np.zeros(self.shape, bool)

    def __array_function__(self, func, types, args, kwargs):
        return True

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(self.shape)

    def all(self, *a, **k):
        return True

    def __bool__(self):
        return True

    def view(self, *a, **k):
        return self


def liar(shape):
    return np.zeros(shape).view(Liar)


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = list(cf)
        self.w1 = np.random.randn(cf[1], cf[0]) / np.sqrt(cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) / np.sqrt(cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) / np.sqrt(cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return liar(np.shape(z))

    def forward(self, X):
        self.a3 = liar((self.w3.shape[0], X.shape[1]))
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)
        self.w3 -= lr * d3 @ self.a2.T / m
        self.b3 -= lr * d3.sum(axis=1, keepdims=True) / m
        self.w2 -= lr * d2 @ self.a1.T / m
        self.b2 -= lr * d2.sum(axis=1, keepdims=True) / m
        self.w1 -= lr * d1 @ X.T / m
        self.b1 -= lr * d1.sum(axis=1, keepdims=True) / m
