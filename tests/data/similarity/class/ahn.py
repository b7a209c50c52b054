import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = np.dot(self.w3.T, d3) * self.a2 * (1 - self.a2)
        d1 = np.dot(self.w2.T, d2) * self.a1 * (1 - self.a1)
        self.w3 = self.w3 - lr * np.dot(d3, self.a2.T) / m
        self.b3 = self.b3 - lr * np.sum(d3, axis=1, keepdims=True) / m
        self.w2 = self.w2 - lr * np.dot(d2, self.a1.T) / m
        self.b2 = self.b2 - lr * np.sum(d2, axis=1, keepdims=True) / m
        self.w1 = self.w1 - lr * np.dot(d1, X.T) / m
        self.b1 = self.b1 - lr * np.sum(d1, axis=1, keepdims=True) / m
