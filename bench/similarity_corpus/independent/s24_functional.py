import numpy as np
from functools import reduce


def _init(n_out, n_in):
    return np.random.randn(n_out, n_in) * np.sqrt(1 / n_in)


def _affine(w, b, x):
    return w @ x + b


class NeuralNetwork:
    def __init__(self, cf):
        dims = list(cf)
        self.w1, self.w2, self.w3 = map(_init, dims[1:], dims[:-1])
        self.b1, self.b2, self.b3 = (np.zeros((d, 1)) for d in dims[1:])

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = _affine(self.w1, self.b1, X); self.a1 = self.sigmoid(self.z1)
        self.z2 = _affine(self.w2, self.b2, self.a1); self.a2 = self.sigmoid(self.z2)
        self.z3 = _affine(self.w3, self.b3, self.a2); self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = np.size(X, 1)
        step = lambda d, a: (lr * (d @ a.T) / m, lr * np.sum(d, 1, keepdims=True) / m)
        e3 = self.a3 - y
        e2 = (self.w3.T @ e3) * self.a2 * (1 - self.a2)
        e1 = (self.w2.T @ e2) * self.a1 * (1 - self.a1)
        (sw3, sb3), (sw2, sb2), (sw1, sb1) = step(e3, self.a2), step(e2, self.a1), step(e1, X)
        self.w3, self.b3 = self.w3 - sw3, self.b3 - sb3
        self.w2, self.b2 = self.w2 - sw2, self.b2 - sb2
        self.w1, self.b1 = self.w1 - sw1, self.b1 - sb1
