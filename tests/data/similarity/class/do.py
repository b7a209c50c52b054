from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class NeuralNetwork:
    def __init__(self, cf: list[int]) -> None:
        a, b, c, d = (int(n) for n in cf)
        self.w1: Array = np.random.randn(b, a) / a
        self.w2: Array = np.random.randn(c, b) / b
        self.w3: Array = np.random.randn(d, c) / c
        self.b1: Array = np.zeros((b, 1))
        self.b2: Array = np.zeros((c, 1))
        self.b3: Array = np.zeros((d, 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-1.0 * z))

    def forward(self, X: Array) -> Array:
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def _backprop(self, y: Array, X: Array) -> dict[str, Array]:
        m = X.shape[1]
        out: dict[str, Array] = {}
        d = self.a3 - y
        out["w3"], out["b3"] = d @ self.a2.T / m, d.sum(axis=1, keepdims=True) / m
        d = (self.w3.T @ d) * self.a2 * (1 - self.a2)
        out["w2"], out["b2"] = d @ self.a1.T / m, d.sum(axis=1, keepdims=True) / m
        d = (self.w2.T @ d) * self.a1 * (1 - self.a1)
        out["w1"], out["b1"] = d @ X.T / m, d.sum(axis=1, keepdims=True) / m
        return out

    def update(self, lr: float, y: Array, X: Array) -> None:
        for key, grad in self._backprop(y, X).items():
            setattr(self, key, getattr(self, key) - lr * grad)
