# correct variant: update() runs the forward pass again itself instead of trusting the stored activations
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
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        self.forward(X)  # 혹시 모르니 현재 가중치로 다시 순전파
        m = X.shape[1]

        dZ3 = self.a3 - y
        dW3 = (1 / m) * dZ3 @ self.a2.T
        db3 = (1 / m) * np.sum(dZ3, axis=1, keepdims=True)

        dZ2 = self.w3.T @ dZ3 * self.a2 * (1 - self.a2)
        dW2 = (1 / m) * dZ2 @ self.a1.T
        db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)

        dZ1 = self.w2.T @ dZ2 * self.a1 * (1 - self.a1)
        dW1 = (1 / m) * dZ1 @ X.T
        db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)

        self.w1 = self.w1 - lr * dW1
        self.b1 = self.b1 - lr * db1
        self.w2 = self.w2 - lr * dW2
        self.b2 = self.b2 - lr * db2
        self.w3 = self.w3 - lr * dW3
        self.b3 = self.b3 - lr * db3
