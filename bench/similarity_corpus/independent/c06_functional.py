"""Functional core + thin class wrapper.  Parameters travel as a tuple (w1, b1, w2, b2, w3, b3)."""
import numpy as np
from functools import reduce

PARAM_NAMES = ("w1", "b1", "w2", "b2", "w3", "b3")


def logistic(z):
    return 1.0 / (1.0 + np.exp(-z))


def make_params(cf):
    # He-like scaling, one (w, b) pair per neighbouring pair of layer sizes
    pairs = [(np.random.randn(n_out, n_in) * np.sqrt(2.0 / n_in), np.zeros((n_out, 1)))
             for n_in, n_out in zip(cf[:-1], cf[1:])]
    return reduce(lambda acc, wb: acc + wb, pairs, ())


def feed(params, X):
    """-> (z1, a1, z2, a2, z3, a3)"""
    w1, b1, w2, b2, w3, b3 = params
    z1 = np.matmul(w1, X) + b1
    a1 = logistic(z1)
    z2 = np.matmul(w2, a1) + b2
    a2 = logistic(z2)
    z3 = np.matmul(w3, a2) + b3
    a3 = logistic(z3)
    return z1, a1, z2, a2, z3, a3


def backprop(params, cache, X, y):
    """-> gradients in the same order as params"""
    _, _, w2, _, w3, _ = params
    _, a1, _, a2, _, a3 = cache
    m = X.shape[1]
    d3 = a3 - y
    d2 = np.matmul(w3.T, d3) * a2 * (1 - a2)
    d1 = np.matmul(w2.T, d2) * a1 * (1 - a1)
    return tuple(g for d, a_prev in ((d1, X), (d2, a1), (d3, a2))
                 for g in (np.matmul(d, a_prev.T) / m, np.sum(d, axis=1, keepdims=True) / m))


def sgd(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))


def cross_entropy(a3, y):
    return -np.mean(y * np.log(a3) + (1 - y) * np.log(1 - a3))


class NeuralNetwork:
    def __init__(self, cf):
        self.params = make_params(cf)

    @property
    def params(self):
        return tuple(getattr(self, n) for n in PARAM_NAMES)

    @params.setter
    def params(self, values):
        for n, v in zip(PARAM_NAMES, values):
            setattr(self, n, v)

    def sigmoid(self, z):
        return logistic(z)

    def forward(self, X):
        self.z1, self.a1, self.z2, self.a2, self.z3, self.a3 = feed(self.params, X)
        return self.a3

    def update(self, lr, y, X):
        cache = (self.z1, self.a1, self.z2, self.a2, self.z3, self.a3)
        self.params = sgd(self.params, backprop(self.params, cache, X, y), lr)


if __name__ == "__main__":
    np.random.seed(11)
    X = np.random.randn(4, 150)
    y = (X[0] * X[1] > 0).astype(float)[np.newaxis]   # xor-ish, harder
    net = NeuralNetwork([4, 8, 4, 1])
    history = []
    for step in range(2500):
        history.append(cross_entropy(net.forward(X), y))
        net.update(2.0, y, X)
    print(f"loss {history[0]:.3f} -> {history[-1]:.3f}")
    print(f"acc  {np.mean((net.forward(X) > .5) == y):.2%}")
