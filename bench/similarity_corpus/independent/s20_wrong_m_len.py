import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.01
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.01
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.01
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def sigmoid_prime(self, a):
        return a * (1 - a)

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = len(X)  # number of samples
        error = self.a3 - y
        hidden2 = self.w3.T @ error * self.sigmoid_prime(self.a2)
        hidden1 = self.w2.T @ hidden2 * self.sigmoid_prime(self.a1)
        self.w3 -= lr * error @ self.a2.T / m
        self.b3 -= lr * np.sum(error, axis=1, keepdims=True) / m
        self.w2 -= lr * hidden2 @ self.a1.T / m
        self.b2 -= lr * np.sum(hidden2, axis=1, keepdims=True) / m
        self.w1 -= lr * hidden1 @ X.T / m
        self.b1 -= lr * np.sum(hidden1, axis=1, keepdims=True) / m
