import numpy as np
import math

def sig(z):
    return 1 / (1 + np.exp(-z))

class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.01
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.01
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.01
        self.b1, self.b2, self.b3 = (np.zeros((n, 1)) for n in cf[1:])
    sigmoid = staticmethod(sig)
    def forward(self, X):
        self.z1 = np.matmul(self.w1, X) + self.b1
        self.a1 = sig(self.z1)
        self.z2 = np.matmul(self.w2, self.a1) + self.b2
        self.a2 = sig(self.z2)
        self.z3 = np.matmul(self.w3, self.a2) + self.b3
        self.a3 = sig(self.z3)
        return self.a3
    def update(self, lr, y, X):
        m = X.shape[1]
        dz3 = self.a3 - y
        dz2 = np.multiply(self.w3.T @ dz3, self.a2 * (1 - self.a2))
        dz1 = np.multiply(self.w2.T @ dz2, self.a1 * (1 - self.a1))
        for W, B, dz, a in (("w3", "b3", dz3, self.a2), ("w2", "b2", dz2, self.a1), ("w1", "b1", dz1, X)):
            setattr(self, W, getattr(self, W) - lr * (dz @ a.T) * (1 / m))
            setattr(self, B, getattr(self, B) - lr * dz.sum(axis=1).reshape(-1, 1) / m)

if __name__ == "__main__":
    X = np.random.randn(4, 50); y = (X.sum(0) > 0).reshape(1, -1) * 1.0
    nn = NeuralNetwork([4, 3, 2, 1])
    for i in range(100000):
        nn.forward(X); nn.update(0.5, y, X)
