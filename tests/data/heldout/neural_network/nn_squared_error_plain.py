import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.rand(cf[1], cf[0]) * 2 - 1
        self.w2 = np.random.rand(cf[2], cf[1]) * 2 - 1
        self.w3 = np.random.rand(cf[3], cf[2]) * 2 - 1
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
        print("loss:", np.mean((self.a3 - y) ** 2))

        e3 = (self.a3 - y) * self.a3 * (1 - self.a3)
        e2 = (self.w3.T @ e3) * self.a2 * (1 - self.a2)
        e1 = (self.w2.T @ e2) * self.a1 * (1 - self.a1)

        self.w3 -= (e3 @ self.a2.T) / m
        self.w2 -= (e2 @ self.a1.T) / m
        self.w1 -= (e1 @ X.T) / m
        self.b3 -= np.sum(e3) / m
        self.b2 -= np.sum(e2) / m
        self.b1 -= np.sum(e1) / m


if __name__ == "__main__":
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 3, 3, 1])
    for i in range(200):
        net.forward(X)
        net.update(1, y, X)
