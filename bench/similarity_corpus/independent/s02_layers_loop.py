# 신경망 과제 - 반복문으로 층을 처리
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        for i in range(1, 4):
            setattr(self, "w%d" % i, np.random.rand(cf[i], cf[i - 1]) - 0.5)
            setattr(self, "b%d" % i, np.zeros((cf[i], 1)))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        a = X
        for i in (1, 2, 3):
            z = getattr(self, "w%d" % i) @ a + getattr(self, "b%d" % i)
            a = self.sigmoid(z)
            setattr(self, "z%d" % i, z)
            setattr(self, "a%d" % i, a)
        return self.a3

    def update(self, lr, y, X):
        m = y.shape[1]
        acts = {0: X, 1: self.a1, 2: self.a2, 3: self.a3}
        delta = self.a3 - y
        grads = {}
        for i in (3, 2, 1):
            grads[i] = (delta @ acts[i - 1].T / m, delta.sum(axis=1, keepdims=True) / m)
            if i > 1:
                w = getattr(self, "w%d" % i)
                delta = (w.T @ delta) * acts[i - 1] * (1 - acts[i - 1])
        for i, (gw, gb) in grads.items():
            setattr(self, "w%d" % i, getattr(self, "w%d" % i) - lr * gw)
            setattr(self, "b%d" % i, getattr(self, "b%d" % i) - lr * gb)
