import numpy as np
from typing import Tuple


# ---- small helpers (kept outside the class so I can test them alone) ----

def init_weight(n_out: int, n_in: int) -> np.ndarray:
    """Xavier style init: randn / sqrt(fan_in)."""
    return np.random.randn(n_out, n_in) / np.sqrt(n_in)


def init_bias(n_out: int) -> np.ndarray:
    return np.zeros((n_out, 1))


def affine(w: np.ndarray, a_prev: np.ndarray, b: np.ndarray) -> np.ndarray:
    return w @ a_prev + b


def sigmoid_slope(a: np.ndarray) -> np.ndarray:
    # derivative of the sigmoid written with its output a = sigmoid(z)
    return a * (1.0 - a)


def layer_grads(delta: np.ndarray, a_prev: np.ndarray, m: int) -> Tuple[np.ndarray, np.ndarray]:
    dw = delta @ a_prev.T / m
    db = delta.sum(axis=1, keepdims=True) / m
    return dw, db


def bce(a: np.ndarray, y: np.ndarray, eps: float = 1e-12) -> float:
    a = np.clip(a, eps, 1 - eps)
    return float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)))


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        self.w1, self.b1 = init_weight(cf[1], cf[0]), init_bias(cf[1])
        self.w2, self.b2 = init_weight(cf[2], cf[1]), init_bias(cf[2])
        self.w3, self.b3 = init_weight(cf[3], cf[2]), init_bias(cf[3])

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = affine(self.w1, X, self.b1)
        self.a1 = self.sigmoid(self.z1)
        self.z2 = affine(self.w2, self.a1, self.b2)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = affine(self.w3, self.a2, self.b3)
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * sigmoid_slope(self.a2)
        d1 = (self.w2.T @ d2) * sigmoid_slope(self.a1)

        dw3, db3 = layer_grads(d3, self.a2, m)
        dw2, db2 = layer_grads(d2, self.a1, m)
        dw1, db1 = layer_grads(d1, X, m)

        self.w3 -= lr * dw3
        self.b3 -= lr * db3
        self.w2 -= lr * dw2
        self.b2 -= lr * db2
        self.w1 -= lr * dw1
        self.b1 -= lr * db1


if __name__ == "__main__":
    np.random.seed(42)
    X = np.random.randn(4, 200)
    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)

    net = NeuralNetwork([4, 3, 2, 1])
    for epoch in range(2001):
        out = net.forward(X)
        if epoch % 500 == 0:
            acc = np.mean((out >= 0.5) == y)
            print(f"epoch {epoch:5d} | loss {bce(out, y):.4f} | acc {acc:.3f}")
        net.update(1.0, y, X)
