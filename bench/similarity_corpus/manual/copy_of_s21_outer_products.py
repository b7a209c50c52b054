import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) / 2
        self.w2 = np.random.randn(cf[2], cf[1]) / 2
        self.w3 = np.random.randn(cf[3], cf[2]) / 2
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, t):
        return 1 / (1 + np.exp(-t))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        num = X.shape[1]
        gw = [np.zeros_like(self.w1), np.zeros_like(self.w2), np.zeros_like(self.w3)]
        gb = [np.zeros_like(self.b1), np.zeros_like(self.b2), np.zeros_like(self.b3)]
        for i in range(num):
            out = self.a3[:, i] - y[:, i]
            hid2 = (self.w3.T @ out) * self.a2[:, i] * (1 - self.a2[:, i])
            hid1 = (self.w2.T @ hid2) * self.a1[:, i] * (1 - self.a1[:, i])
            gw[2] += np.outer(out, self.a2[:, i])
            gw[1] += np.outer(hid2, self.a1[:, i])
            gw[0] += np.outer(hid1, X[:, i])
        # biases vectorised
        D3 = self.a3 - y
        D2 = (self.w3.T @ D3) * self.a2 * (1 - self.a2)
        D1 = (self.w2.T @ D2) * self.a1 * (1 - self.a1)
        gb[2] += D3.sum(axis=1, keepdims=True)
        gb[1] += D2.sum(axis=1, keepdims=True)
        gb[0] += D1.sum(axis=1, keepdims=True)
        self.w1 -= lr * gw[0] / num
        self.w2 -= lr * gw[1] / num
        self.w3 -= lr * gw[2] / num
        self.b1 -= lr * gb[0] / num
        self.b2 -= lr * gb[1] / num
        self.b3 -= lr * gb[2] / num
