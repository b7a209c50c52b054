import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        rng = np.random
        self.w1 = rng.standard_normal((cf[1], cf[0])) * 0.5
        self.w2 = rng.standard_normal((cf[2], cf[1])) * 0.5
        self.w3 = rng.standard_normal((cf[3], cf[2])) * 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return np.reciprocal(1.0 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.einsum("ij,jm->im", self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.einsum("ij,jm->im", self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.einsum("ij,jm->im", self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[-1]
        e3 = self.a3 - y
        e2 = np.einsum("ji,jm->im", self.w3, e3) * self.a2 * (1.0 - self.a2)
        e1 = np.einsum("ji,jm->im", self.w2, e2) * self.a1 * (1.0 - self.a1)
        self.w3 -= lr * np.einsum("im,jm->ij", e3, self.a2) / m
        self.w2 -= lr * np.einsum("im,jm->ij", e2, self.a1) / m
        self.w1 -= lr * np.einsum("im,jm->ij", e1, X) / m
        self.b3 -= lr * e3.mean(axis=1).reshape(-1, 1)
        self.b2 -= lr * e2.mean(axis=1).reshape(-1, 1)
        self.b1 -= lr * e1.mean(axis=1).reshape(-1, 1)
