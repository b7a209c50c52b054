import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) / np.sqrt(cf[0])
        self.w2 = np.random.randn(cf[2], cf[1]) / np.sqrt(cf[1])
        self.w3 = np.random.randn(cf[3], cf[2]) / np.sqrt(cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        w1, w2, w3 = self.w1, self.w2, self.w3
        b1, b2, b3 = self.b1, self.b2, self.b3
        self.z1 = w1 @ X + b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = w2 @ self.a1 + b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = w3 @ self.a2 + b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        # short names so the formulas look like the lecture slides
        w1, w2, w3 = self.w1, self.w2, self.w3
        b1, b2, b3 = self.b1, self.b2, self.b3
        a1, a2, a3 = self.a1, self.a2, self.a3
        m = X.shape[1]

        d3 = a3 - y
        d2 = (w3.T @ d3) * a2 * (1 - a2)
        d1 = (w2.T @ d2) * a1 * (1 - a1)

        dw3 = d3 @ a2.T / m
        dw2 = d2 @ a1.T / m
        dw1 = d1 @ X.T / m
        db3 = d3.sum(axis=1, keepdims=True) / m
        db2 = d2.sum(axis=1, keepdims=True) / m
        db1 = d1.sum(axis=1, keepdims=True) / m

        w1 = w1 - lr * dw1
        w2 = w2 - lr * dw2
        w3 = w3 - lr * dw3
        b1 = b1 - lr * db1
        b2 = b2 - lr * db2
        b3 = b3 - lr * db3


if __name__ == "__main__":
    np.random.seed(0)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 3, 3, 1])
    for epoch in range(5000):
        out = net.forward(X)
        net.update(1.0, y, X)
        if epoch % 1000 == 0:
            print(epoch, out)
