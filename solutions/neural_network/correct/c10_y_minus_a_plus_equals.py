# correct variant: error written as (y - a3) and the step applied with += (the two sign flips cancel)
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
        e3 = y - self.a3                                   # 오차 = 실제값 - 예측값
        e2 = (self.w3.T @ e3) * self.a2 * (1 - self.a2)
        e1 = (self.w2.T @ e2) * self.a1 * (1 - self.a1)
        # 오차 방향으로 더해 주면 경사 하강과 같다
        self.w3 += lr * (e3 @ self.a2.T) / m
        self.b3 += lr * np.sum(e3, axis=1, keepdims=True) / m
        self.w2 += lr * (e2 @ self.a1.T) / m
        self.b2 += lr * np.sum(e2, axis=1, keepdims=True) / m
        self.w1 += lr * (e1 @ X.T) / m
        self.b1 += lr * np.sum(e1, axis=1, keepdims=True) / m
