# correct variant: np.einsum everywhere, cf may be a tuple, 0.01 * randn initialisation
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        cf = tuple(int(n) for n in cf)
        self.cf = cf
        self.w1 = 0.01 * np.random.randn(cf[1], cf[0])
        self.w2 = 0.01 * np.random.randn(cf[2], cf[1])
        self.w3 = 0.01 * np.random.randn(cf[3], cf[2])
        self.b1, self.b2, self.b3 = (np.zeros((n, 1)) for n in cf[1:])

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.einsum("ij,jk->ik", self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.einsum("ij,jk->ik", self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.einsum("ij,jk->ik", self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = np.einsum("ji,jk->ik", self.w3, d3) * self.a2 * (1 - self.a2)
        d1 = np.einsum("ji,jk->ik", self.w2, d2) * self.a1 * (1 - self.a1)
        dw3 = np.einsum("ik,jk->ij", d3, self.a2) / m
        dw2 = np.einsum("ik,jk->ij", d2, self.a1) / m
        dw1 = np.einsum("ik,jk->ij", d1, X) / m
        db3 = np.einsum("ik->i", d3)[:, None] / m
        db2 = np.einsum("ik->i", d2)[:, None] / m
        db1 = np.einsum("ik->i", d1)[:, None] / m
        self.w1, self.b1 = self.w1 - lr * dw1, self.b1 - lr * db1
        self.w2, self.b2 = self.w2 - lr * dw2, self.b2 - lr * db2
        self.w3, self.b3 = self.w3 - lr * dw3, self.b3 - lr * db3


if __name__ == "__main__":
    net = NeuralNetwork((4, 3, 2, 1))
    print(net.forward(np.ones((4, 2))))
