# MISTAKE: forward stores the pre-activations and activations as self.Z1/self.A1 ... self.A3 (capitalised) instead of the required z1, a1, ..., a3.
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.5
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.5
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        # Z = linear part, A = activation (notation from Andrew Ng's course)
        self.Z1 = self.w1 @ X + self.b1
        self.A1 = self.sigmoid(self.Z1)
        self.Z2 = self.w2 @ self.A1 + self.b2
        self.A2 = self.sigmoid(self.Z2)
        self.Z3 = self.w3 @ self.A2 + self.b3
        self.A3 = self.sigmoid(self.Z3)
        return self.A3

    def update(self, lr, y, X):
        m = X.shape[1]
        dZ3 = self.A3 - y
        dZ2 = (self.w3.T @ dZ3) * self.A2 * (1 - self.A2)
        dZ1 = (self.w2.T @ dZ2) * self.A1 * (1 - self.A1)

        self.w3 -= lr * dZ3 @ self.A2.T / m
        self.b3 -= lr * dZ3.sum(axis=1, keepdims=True) / m
        self.w2 -= lr * dZ2 @ self.A1.T / m
        self.b2 -= lr * dZ2.sum(axis=1, keepdims=True) / m
        self.w1 -= lr * dZ1 @ X.T / m
        self.b1 -= lr * dZ1.sum(axis=1, keepdims=True) / m
