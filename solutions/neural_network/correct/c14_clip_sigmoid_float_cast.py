# correct variant: sigmoid clips z to avoid overflow warnings, casts input with np.asarray; forward via X.T products
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        rng = np.random.default_rng()
        self.w1 = rng.standard_normal((cf[1], cf[0]))
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = rng.standard_normal((cf[2], cf[1]))
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = rng.standard_normal((cf[3], cf[2]))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        z = np.clip(np.asarray(z, dtype=np.float64), -500, 500)
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        # (X^T W^T)^T = W X : 행과 열을 바꿔서 계산해도 결과는 같다
        self.z1 = (X.T @ self.w1.T).T + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = (self.a1.T @ self.w2.T).T + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = (self.a2.T @ self.w3.T).T + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = np.multiply(self.w3.T @ d3, self.a2 * (1 - self.a2))
        d1 = np.multiply(self.w2.T @ d2, self.a1 * (1 - self.a1))
        new_w3 = self.w3 - lr * (d3 @ self.a2.T) / m
        new_w2 = self.w2 - lr * (d2 @ self.a1.T) / m
        new_w1 = self.w1 - lr * (d1 @ X.T) / m
        self.b3 = self.b3 - lr * d3.mean(axis=1).reshape(-1, 1)
        self.b2 = self.b2 - lr * d2.mean(axis=1).reshape(-1, 1)
        self.b1 = self.b1 - lr * d1.mean(axis=1).reshape(-1, 1)
        self.w1, self.w2, self.w3 = new_w1, new_w2, new_w3
