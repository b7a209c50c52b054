import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) / 2
        self.w2 = np.random.randn(cf[2], cf[1]) / 2
        self.w3 = np.random.randn(cf[3], cf[2]) / 2
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        cols = X.shape[1]
        gw = [np.zeros_like(self.w1), np.zeros_like(self.w2), np.zeros_like(self.w3)]
        gb = [np.zeros_like(self.b1), np.zeros_like(self.b2), np.zeros_like(self.b3)]
        for c in range(cols):
            o = self.a3[:, c] - y[:, c]
            h2 = (self.w3.T @ o) * self.a2[:, c] * (1 - self.a2[:, c])
            h1 = (self.w2.T @ h2) * self.a1[:, c] * (1 - self.a1[:, c])
            gw[2] += np.outer(o, self.a2[:, c])
            gw[1] += np.outer(h2, self.a1[:, c])
            gw[0] += np.outer(h1, X[:, c])
            gb[2] += o[:, None]
            gb[1] += h2[:, None]
            gb[0] += h1[:, None]
        self.w1 -= lr * gw[0] / cols
        self.w2 -= lr * gw[1] / cols
        self.w3 -= lr * gw[2] / cols
        self.b1 -= lr * gb[0] / cols
        self.b2 -= lr * gb[1] / cols
        self.b3 -= lr * gb[2] / cols
