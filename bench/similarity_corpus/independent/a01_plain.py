import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
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
        m = X.shape[1]

        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)

        dw3 = d3 @ self.a2.T / m
        db3 = np.sum(d3, axis=1, keepdims=True) / m
        dw2 = d2 @ self.a1.T / m
        db2 = np.sum(d2, axis=1, keepdims=True) / m
        dw1 = d1 @ X.T / m
        db1 = np.sum(d1, axis=1, keepdims=True) / m

        self.w3 -= lr * dw3
        self.b3 -= lr * db3
        self.w2 -= lr * dw2
        self.b2 -= lr * db2
        self.w1 -= lr * dw1
        self.b1 -= lr * db1


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(4, 5)
    net = NeuralNetwork([4, 3, 2, 1])
    print(net.forward(X).shape)
    print(net.forward(X[:, [0]]).shape)

    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)
    for i in range(1000):
        out = net.forward(X)
        net.update(0.5, y, X)
    print(np.mean((net.forward(X) >= 0.5) == y))
