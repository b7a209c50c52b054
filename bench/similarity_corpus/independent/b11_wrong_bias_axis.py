import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # W: (현재 층 뉴런 수, 이전 층 뉴런 수), b: (현재 층 뉴런 수, 1)
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.5
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.5
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

        # δ 계산
        d3 = self.a3 - y
        d2 = self.w3.T @ d3 * self.a2 * (1 - self.a2)
        d1 = self.w2.T @ d2 * self.a1 * (1 - self.a1)

        # W 업데이트
        self.w3 -= lr * d3 @ self.a2.T / m
        self.w2 -= lr * d2 @ self.a1.T / m
        self.w1 -= lr * d1 @ X.T / m

        # b 업데이트
        self.b3 = self.b3 - lr * np.sum(d3, axis=0, keepdims=True) / m
        self.b2 = self.b2 - lr * np.sum(d2, axis=0, keepdims=True) / m
        self.b1 = self.b1 - lr * np.sum(d1, axis=0, keepdims=True) / m


if __name__ == "__main__":
    np.random.seed(7)
    nn = NeuralNetwork([4, 3, 2, 1])
    X = np.random.randn(4, 20)
    y = (X[0] - X[3] > 0).astype(float).reshape(1, -1)
    for it in range(1000):
        a3 = nn.forward(X)
        nn.update(1.0, y, X)
        if it % 200 == 0:
            print(it, -np.mean(y * np.log(a3) + (1 - y) * np.log(1 - a3)))
