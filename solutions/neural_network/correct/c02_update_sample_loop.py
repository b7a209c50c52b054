# correct variant: update accumulates the gradients sample by sample (randn init)
import numpy as np


class NeuralNetwork:

    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.random.randn(cf[1], cf[0])
        self.w2 = np.random.randn(cf[2], cf[1])
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

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
        # gradient 누적용
        gw1 = np.zeros_like(self.w1); gb1 = np.zeros_like(self.b1)
        gw2 = np.zeros_like(self.w2); gb2 = np.zeros_like(self.b2)
        gw3 = np.zeros_like(self.w3); gb3 = np.zeros_like(self.b3)

        for i in range(m):
            x = X[:, [i]]
            a1 = self.a1[:, [i]]
            a2 = self.a2[:, [i]]
            a3 = self.a3[:, [i]]
            t = y[:, [i]]

            d3 = a3 - t
            d2 = (self.w3.T @ d3) * a2 * (1 - a2)
            d1 = (self.w2.T @ d2) * a1 * (1 - a1)

            gw3 += d3 @ a2.T
            gb3 += d3
            gw2 += d2 @ a1.T
            gb2 += d2
            gw1 += d1 @ x.T
            gb1 += d1

        # 평균 gradient로 한 번만 업데이트
        self.w1 -= lr * gw1 / m
        self.b1 -= lr * gb1 / m
        self.w2 -= lr * gw2 / m
        self.b2 -= lr * gb2 / m
        self.w3 -= lr * gw3 / m
        self.b3 -= lr * gb3 / m


if __name__ == "__main__":
    np.random.seed(0)
    net = NeuralNetwork([4, 3, 2, 1])
    X = np.random.randn(4, 10)
    y = (X[0] > 0).astype(float).reshape(1, -1)
    for _ in range(100):
        net.forward(X)
        net.update(0.5, y, X)
    print(net.forward(X).round(2))
