import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        n = cf
        self.w1 = np.random.randn(n[1], n[0]) * 0.2
        self.w2 = np.random.randn(n[2], n[1]) * 0.2
        self.w3 = np.random.randn(n[3], n[2]) * 0.2
        self.b1 = np.zeros((n[1], 1))
        self.b2 = np.zeros((n[2], 1))
        self.b3 = np.zeros((n[3], 1))

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
        m = X.shape[1]
        g_out = y - self.a3
        g_h2 = (self.w3.T @ g_out) * self.a2 * (1 - self.a2)
        g_h1 = (self.w2.T @ g_h2) * self.a1 * (1 - self.a1)
        self.w3 += lr * (g_out @ self.a2.T) / m
        self.b3 += lr * g_out.mean(axis=1, keepdims=True)
        self.w2 += lr * (g_h2 @ self.a1.T) / m
        self.b2 += lr * g_h2.mean(axis=1, keepdims=True)
        self.w1 += lr * (g_h1 @ X.T) / m
        self.b1 += lr * g_h1.mean(axis=1, keepdims=True)
