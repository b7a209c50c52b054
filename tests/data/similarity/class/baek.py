"""Homework 9 -- two hidden layers."""
import numpy as np


def xavier(n_out, n_in):
    limit = np.sqrt(6.0 / (n_in + n_out))
    return np.random.uniform(-limit, limit, size=(n_out, n_in))


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        self.w1, self.b1 = xavier(cf[1], cf[0]), np.zeros((cf[1], 1))
        self.w2, self.b2 = xavier(cf[2], cf[1]), np.zeros((cf[2], 1))
        self.w3, self.b3 = xavier(cf[3], cf[2]), np.zeros((cf[3], 1))

    def sigmoid(self, z):
        z = np.clip(z, -500, 500)
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
        n = X.shape[1]
        err3 = self.a3 - y
        err2 = self.w3.T @ err3 * (self.a2 * (1 - self.a2))
        err1 = self.w2.T @ err2 * (self.a1 * (1 - self.a1))
        gw3, gb3 = err3 @ self.a2.T / n, err3.mean(axis=1, keepdims=True)
        gw2, gb2 = err2 @ self.a1.T / n, err2.mean(axis=1, keepdims=True)
        gw1, gb1 = err1 @ X.T / n, err1.mean(axis=1, keepdims=True)
        self.w3 -= lr * gw3
        self.b3 -= lr * gb3
        self.w2 -= lr * gw2
        self.b2 -= lr * gb2
        self.w1 -= lr * gw1
        self.b1 -= lr * gb1
