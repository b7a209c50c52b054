import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.5
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.5
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
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

        # 출력층 (평균 교차 엔트로피 -> 1/m)
        d3 = (self.a3 - y) / m
        self.w3 -= lr * (d3 @ self.a2.T) / m
        self.b3 -= lr * d3.sum(axis=1, keepdims=True) / m

        # 은닉층 2
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        self.w2 -= lr * (d2 @ self.a1.T) / m
        self.b2 -= lr * d2.sum(axis=1, keepdims=True) / m

        # 은닉층 1
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)
        self.w1 -= lr * (d1 @ X.T) / m
        self.b1 -= lr * d1.sum(axis=1, keepdims=True) / m


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(3, 40)
    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)
    net = NeuralNetwork([3, 4, 3, 1])
    for epoch in range(5000):
        net.forward(X)
        net.update(1.0, y, X)
    print(np.mean((net.forward(X) >= 0.5) == y))
