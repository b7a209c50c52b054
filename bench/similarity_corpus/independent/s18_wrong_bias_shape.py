import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0])
        self.w2 = np.random.randn(cf[2], cf[1])
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b1 = np.zeros(cf[1])
        self.b2 = np.zeros(cf[2])
        self.b3 = np.zeros(cf[3])

    def sigmoid(self, z):
        return 1. / (1. + np.exp(-z))

    def forward(self, X):
        layer_in = X
        self.z1 = self.w1 @ layer_in + self.b1[:, None]
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2[:, None]
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3[:, None]
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = self.w3.T @ d3 * self.a2 * (1 - self.a2)
        d1 = self.w2.T @ d2 * self.a1 * (1 - self.a1)
        self.w3 -= lr * d3 @ self.a2.T / m
        self.w2 -= lr * d2 @ self.a1.T / m
        self.w1 -= lr * d1 @ X.T / m
        self.b3 -= lr * d3.mean(axis=1)
        self.b2 -= lr * d2.mean(axis=1)
        self.b1 -= lr * d1.mean(axis=1)
