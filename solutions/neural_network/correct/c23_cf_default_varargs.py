"""Week 9 assignment - NeuralNetwork (student version).

cf may be given as a list (the normal way), left out (the lecture's [4, 3, 2, 1]),
or spelled out as separate numbers: NeuralNetwork(4, 3, 2, 1).
"""
import numpy as np


class NeuralNetwork:
    DEFAULT_CF = (4, 3, 2, 1)

    def __init__(self, cf=None, *more_sizes):
        if cf is None:
            cf = self.DEFAULT_CF
        elif more_sizes:                       # NeuralNetwork(4, 3, 2, 1)
            cf = (cf,) + tuple(more_sizes)
        cf = [int(n) for n in cf]
        if len(cf) != 4:
            raise ValueError("cf must have exactly four sizes, got %r" % (cf,))
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

        dW3 = d3 @ self.a2.T / m
        db3 = np.sum(d3, axis=1, keepdims=True) / m
        dW2 = d2 @ self.a1.T / m
        db2 = np.sum(d2, axis=1, keepdims=True) / m
        dW1 = d1 @ X.T / m
        db1 = np.sum(d1, axis=1, keepdims=True) / m

        self.w3 -= lr * dW3
        self.b3 -= lr * db3
        self.w2 -= lr * dW2
        self.b2 -= lr * db2
        self.w1 -= lr * dW1
        self.b1 -= lr * db1


if __name__ == "__main__":
    net = NeuralNetwork()
    print(net.w1.shape, NeuralNetwork(5, 4, 3, 2).w3.shape)
