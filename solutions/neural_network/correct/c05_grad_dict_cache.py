# correct variant: gradients go into a dict first, then applied; extra cache attributes; randn * 0.5 init
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.layer_sizes = list(cf)
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.5
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.5
        self.b3 = np.zeros((cf[3], 1))
        self.cache = {}
        self.history = []

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        self.output = self.a3
        self.last_input = X
        self.cache = {"A0": X, "A1": self.a1, "A2": self.a2, "A3": self.a3}
        return self.a3

    def loss(self, y):
        eps = 1e-12
        return float(-np.mean(y * np.log(self.a3 + eps) + (1 - y) * np.log(1 - self.a3 + eps)))

    def update(self, lr, y, X):
        m = X.shape[1]
        grads = {}
        dz3 = self.a3 - y
        grads["w3"] = dz3 @ self.a2.T / m
        grads["b3"] = np.sum(dz3, axis=1, keepdims=True) / m
        dz2 = (self.w3.T @ dz3) * self.a2 * (1 - self.a2)
        grads["w2"] = dz2 @ self.a1.T / m
        grads["b2"] = np.sum(dz2, axis=1, keepdims=True) / m
        dz1 = (self.w2.T @ dz2) * self.a1 * (1 - self.a1)
        grads["w1"] = dz1 @ X.T / m
        grads["b1"] = np.sum(dz1, axis=1, keepdims=True) / m

        # 모든 gradient를 구한 뒤에 한꺼번에 업데이트
        for name, g in grads.items():
            setattr(self, name, getattr(self, name) - lr * g)
        self.history.append(self.loss(y))
        return grads


if __name__ == "__main__":
    X = np.random.randn(4, 20)
    y = (X.sum(axis=0) > 0).astype(float).reshape(1, -1)
    net = NeuralNetwork([4, 3, 2, 1])
    for _ in range(200):
        net.forward(X)
        net.update(1.0, y, X)
    print("loss:", net.history[-1])
