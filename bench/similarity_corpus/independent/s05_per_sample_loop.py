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
        # 샘플 하나씩 기울기를 더한 다음 평균을 낸다
        m = X.shape[1]
        acc = [np.zeros_like(p) for p in (self.w1, self.b1, self.w2, self.b2, self.w3, self.b3)]
        for j in range(m):
            x = X[:, j:j + 1]
            h1, h2, out = self.a1[:, j:j + 1], self.a2[:, j:j + 1], self.a3[:, j:j + 1]
            e3 = out - y[:, j:j + 1]
            e2 = self.w3.T.dot(e3) * h2 * (1 - h2)
            e1 = self.w2.T.dot(e2) * h1 * (1 - h1)
            acc[0] += e1.dot(x.T)
            acc[1] += e1
            acc[2] += e2.dot(h1.T)
            acc[3] += e2
            acc[4] += e3.dot(h2.T)
            acc[5] += e3
        self.w1 -= lr * acc[0] / m
        self.b1 -= lr * acc[1] / m
        self.w2 -= lr * acc[2] / m
        self.b2 -= lr * acc[3] / m
        self.w3 -= lr * acc[4] / m
        self.b3 -= lr * acc[5] / m
