import numpy as np
import math


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0])
        self.w2 = np.random.randn(cf[2], cf[1])
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        if np.isscalar(z):
            return 1 / (1 + math.exp(-z))
        return 1 / (1 + np.exp(-z))

    def matmul(self, A, B):
        return A @ B

    def forward(self, X):
        self.z1 = self.matmul(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.matmul(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.matmul(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = self.matmul(self.w3.T, d3) * self.a2 * (1 - self.a2)
        d1 = self.matmul(self.w2.T, d2) * self.a1 * (1 - self.a1)
        pairs = [(d3, self.a2, "3"), (d2, self.a1, "2"), (d1, X, "1")]
        for d, prev, n in pairs:
            w = getattr(self, "w" + n)
            b = getattr(self, "b" + n)
            w -= lr * self.matmul(d, prev.T) / m
            b -= lr * d.sum(axis=1, keepdims=True) / m
