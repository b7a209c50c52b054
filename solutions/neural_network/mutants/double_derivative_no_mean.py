import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.rand(cf[1], cf[0]) - 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.rand(cf[2], cf[1]) - 0.5
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.rand(cf[3], cf[2]) - 0.5
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def sigmoid_derivative(self, x):
        return self.sigmoid(x) * (1 - self.sigmoid(x))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.sigmoid_derivative(self.a2)   # 활성값에 도함수를 적용
        d1 = (self.w2.T @ d2) * self.sigmoid_derivative(self.a1)
        self.w3 = self.w3 - lr * d3 @ self.a2.T
        self.b3 = self.b3 - lr * d3.sum(axis=1, keepdims=True)
        self.w2 = self.w2 - lr * d2 @ self.a1.T
        self.b2 = self.b2 - lr * d2.sum(axis=1, keepdims=True)
        self.w1 = self.w1 - lr * d1 @ X.T
        self.b1 = self.b1 - lr * d1.sum(axis=1, keepdims=True)
