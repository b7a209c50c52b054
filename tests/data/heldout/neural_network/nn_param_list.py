import numpy as np


class NeuralNetwork:
    """Parameters are collected in self.params = [W1, b1, W2, b2, W3, b3] so the
    forward and backward passes can unpack them in one line."""

    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.random.randn(cf[1], cf[0]) * np.sqrt(1 / cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * np.sqrt(1 / cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * np.sqrt(1 / cf[2])
        self.b3 = np.zeros((cf[3], 1))
        self.params = [self.w1, self.b1, self.w2, self.b2, self.w3, self.b3]

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        W1, b1, W2, b2, W3, b3 = self.params
        self.z1 = W1 @ X + b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = W2 @ self.a1 + b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = W3 @ self.a2 + b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        W1, b1, W2, b2, W3, b3 = self.params
        m = X.shape[1]

        d3 = self.a3 - y
        d2 = (W3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (W2.T @ d2) * self.a1 * (1 - self.a1)

        grads = [d1 @ X.T / m, d1.sum(axis=1, keepdims=True) / m,
                 d2 @ self.a1.T / m, d2.sum(axis=1, keepdims=True) / m,
                 d3 @ self.a2.T / m, d3.sum(axis=1, keepdims=True) / m]

        for p, g in zip(self.params, grads):
            p -= lr * g            # in place, so self.w1 ... self.b3 change too


if __name__ == "__main__":
    np.random.seed(0)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    y = np.array([[0, 1, 1, 0]], dtype=float)
    net = NeuralNetwork([2, 4, 4, 1])
    for epoch in range(10000):
        net.forward(X)
        net.update(2.0, y, X)
    print(net.forward(X).round(3))
    print(net.w1 is net.params[0])
