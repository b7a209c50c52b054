import numpy as np

class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]); self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]); self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]); self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def dsig(self, a):
        s = self.sigmoid(a)
        return s * (1 - s)

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
        d2 = self.w3.T @ d3 * self.dsig(self.a2)
        d1 = self.w2.T @ d2 * self.dsig(self.a1)
        W3 = self.w3 - lr / m * d3 @ self.a2.T
        W2 = self.w2 - lr / m * d2 @ self.a1.T
        W1 = self.w1 - lr / m * d1 @ X.T
        self.b3 = self.b3 - lr / m * d3.sum(axis=1, keepdims=True)
        self.b2 = self.b2 - lr / m * d2.sum(axis=1, keepdims=True)
        self.b1 = self.b1 - lr / m * d1.sum(axis=1, keepdims=True)
        self.w1, self.w2, self.w3 = W1, W2, W3
