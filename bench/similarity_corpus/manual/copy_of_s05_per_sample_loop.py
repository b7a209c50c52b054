import numpy as np
import math


class NeuralNetwork:
    def __init__(self, cf):
        np.random.seed
        self.w1 = np.random.normal(0, 1, (cf[1], cf[0]))
        self.w2 = np.random.normal(0, 1, (cf[2], cf[1]))
        self.w3 = np.random.normal(0, 1, (cf[3], cf[2]))
        self.b1 = np.zeros(shape=(cf[1], 1))
        self.b2 = np.zeros(shape=(cf[2], 1))
        self.b3 = np.zeros(shape=(cf[3], 1))

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
        # all samples at once
        n = X.shape[1]
        acc = [np.zeros_like(p) for p in (self.w1, self.b1, self.w2, self.b2, self.w3, self.b3)]
        e3 = self.a3 - y
        e2 = self.w3.T.dot(e3) * self.a2 * (1 - self.a2)
        e1 = self.w2.T.dot(e2) * self.a1 * (1 - self.a1)
        acc[0] += e1.dot(X.T)
        acc[1] += e1.sum(axis=1, keepdims=True)
        acc[2] += e2.dot(self.a1.T)
        acc[3] += e2.sum(axis=1, keepdims=True)
        acc[4] += e3.dot(self.a2.T)
        acc[5] += e3.sum(axis=1, keepdims=True)
        self.w1 -= lr * acc[0] / n
        self.b1 -= lr * acc[1] / n
        self.w2 -= lr * acc[2] / n
        self.b2 -= lr * acc[3] / n
        self.w3 -= lr * acc[4] / n
        self.b3 -= lr * acc[5] / n
