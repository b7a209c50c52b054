import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.1
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.1
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.1
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
        m = len(X)

        dz3 = self.a3 - y
        dz2 = self.w3.T @ dz3 * self.a2 * (1 - self.a2)
        dz1 = self.w2.T @ dz2 * self.a1 * (1 - self.a1)

        dw3 = dz3 @ self.a2.T / m
        dw2 = dz2 @ self.a1.T / m
        dw1 = dz1 @ X.T / m
        db3 = np.sum(dz3, axis=1) / m
        db2 = np.sum(dz2, axis=1) / m
        db1 = np.sum(dz1, axis=1) / m

        self.w3 = self.w3 - lr * dw3
        self.w2 = self.w2 - lr * dw2
        self.w1 = self.w1 - lr * dw1
        self.b3 = self.b3 - lr * db3
        self.b2 = self.b2 - lr * db2
        self.b1 = self.b1 - lr * db1


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(4, 5)
    y = np.array([[1, 0, 0, 1, 1]])
    net = NeuralNetwork([4, 3, 2, 1])
    print(net.forward(X).shape)
    net.update(0.1, y, X)
    print(net.w1.shape, net.b1.shape, net.w2.shape, net.b2.shape, net.w3.shape, net.b3.shape)
