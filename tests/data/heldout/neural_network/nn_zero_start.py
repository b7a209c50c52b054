import numpy as np


class NeuralNetwork:
    """2-hidden-layer network.  All parameters start at 0 so that every run is
    reproducible and the first forward pass is exactly 0.5 everywhere."""

    def __init__(self, cf):
        self.w1 = np.zeros((cf[1], cf[0]))
        self.w2 = np.zeros((cf[2], cf[1]))
        self.w3 = np.zeros((cf[3], cf[2]))
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
        d3 = self.a3 - y
        d2 = self.w3.T @ d3 * self.a2 * (1 - self.a2)
        d1 = self.w2.T @ d2 * self.a1 * (1 - self.a1)

        dW3, db3 = d3 @ self.a2.T / m, d3.sum(axis=1, keepdims=True) / m
        dW2, db2 = d2 @ self.a1.T / m, d2.sum(axis=1, keepdims=True) / m
        dW1, db1 = d1 @ X.T / m, d1.sum(axis=1, keepdims=True) / m

        self.w3 -= lr * dW3
        self.b3 -= lr * db3
        self.w2 -= lr * dW2
        self.b2 -= lr * db2
        self.w1 -= lr * dW1
        self.b1 -= lr * db1


if __name__ == "__main__":
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 4, 4, 1])
    print(net.forward(X))  # 0.5 0.5 0.5 0.5
    for i in range(10000):
        net.forward(X)
        net.update(1.0, y, X)
    print(net.forward(X))
