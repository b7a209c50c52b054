# neural network homework
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        for k in range(1, 4):
            setattr(self, "w%d" % k, np.random.rand(cf[k], cf[k - 1]) - 0.5)
            setattr(self, "b%d" % k, np.zeros((cf[k], 1)))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        count = y.shape[1]
        acts = {0: X, 1: self.a1, 2: self.a2, 3: self.a3}
        delta = self.a3 - y
        grads = {}
        for k in (3, 2, 1):
            grads[k] = (delta @ acts[k - 1].T / count, delta.sum(axis=1, keepdims=True) / count)
            if k > 1:
                w = getattr(self, "w%d" % k)
                delta = (w.T @ delta) * acts[k - 1] * (1 - acts[k - 1])
        for k, (gw, gb) in grads.items():
            setattr(self, "w%d" % k, getattr(self, "w%d" % k) - lr * gw)
            setattr(self, "b%d" % k, getattr(self, "b%d" % k) - lr * gb)
