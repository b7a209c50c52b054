import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.layers = cf
        self.w1 = 0.01 * np.random.randn(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = 0.01 * np.random.randn(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = 0.01 * np.random.randn(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        result = 1 / (1 + np.exp(-z))
        return result

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        output = self.a3
        return output

    def update(self, lr, y, X):
        m = X.shape[1]
        # output layer first
        dz3 = self.a3 - y
        self.w3 = self.w3 - lr * (dz3 @ self.a2.T) / m
        self.b3 = self.b3 - lr * np.mean(dz3, axis=1, keepdims=True)
        # then layer 2 (uses the new w3!)
        dz2 = (self.w3.T @ dz3) * (self.a2 * (1 - self.a2))
        self.w2 = self.w2 - lr * (dz2 @ self.a1.T) / m
        self.b2 = self.b2 - lr * np.mean(dz2, axis=1, keepdims=True)
        dz1 = (self.w2.T @ dz2) * (self.a1 * (1 - self.a1))
        self.w1 = self.w1 - lr * (dz1 @ X.T) / m
        self.b1 = self.b1 - lr * np.mean(dz1, axis=1, keepdims=True)
