import numpy as np


def sig(v):
    return 1 / (1 + np.exp(-v))


class NeuralNetwork:
    def __init__(self, cf):
        inp, hid1, hid2, out = cf[0], cf[1], cf[2], cf[3]
        self.w1 = np.random.uniform(-1, 1, (hid1, inp))
        self.w2 = np.random.uniform(-1, 1, (hid2, hid1))
        self.w3 = np.random.uniform(-1, 1, (out, hid2))
        self.b1 = np.zeros((hid1, 1))
        self.b2 = np.zeros((hid2, 1))
        self.b3 = np.zeros((out, 1))

    def sigmoid(self, z):
        return sig(z)

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = sig(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = sig(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = sig(self.z3)
        return self.a3

    def update(self, lr, y, X):
        batch = X.shape[1]
        # mean squared error derivative
        out_err = (self.a3 - y) * self.a3 * (1 - self.a3)
        h2_err = (self.w3.T @ out_err) * self.a2 * (1 - self.a2)
        h1_err = (self.w2.T @ h2_err) * self.a1 * (1 - self.a1)
        updates = [
            ("w3", out_err @ self.a2.T), ("b3", out_err.sum(axis=1, keepdims=True)),
            ("w2", h2_err @ self.a1.T), ("b2", h2_err.sum(axis=1, keepdims=True)),
            ("w1", h1_err @ X.T), ("b1", h1_err.sum(axis=1, keepdims=True)),
        ]
        for attr, grad in updates:
            setattr(self, attr, getattr(self, attr) - lr * grad / batch)
