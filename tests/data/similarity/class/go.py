import numpy as np

rng = np.random.default_rng()


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = rng.normal(size=(cf[1], cf[0]))
        self.w2 = rng.normal(size=(cf[2], cf[1]))
        self.w3 = rng.normal(size=(cf[3], cf[2]))
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return np.exp(z) / (1 + np.exp(z))

    def forward(self, X):
        A0 = X
        Z1 = self.w1 @ A0 + self.b1
        A1 = self.sigmoid(Z1)
        Z2 = self.w2 @ A1 + self.b2
        A2 = self.sigmoid(Z2)
        Z3 = self.w3 @ A2 + self.b3
        A3 = self.sigmoid(Z3)
        self.z1, self.z2, self.z3 = Z1, Z2, Z3
        self.a1, self.a2, self.a3 = A1, A2, A3
        return A3

    def update(self, lr, y, X):
        m = X.shape[1]
        A1, A2, A3 = self.a1, self.a2, self.a3
        W2, W3 = self.w2.copy(), self.w3.copy()
        dZ3 = A3 - y
        self.w3 = self.w3 - lr * (1 / m) * dZ3 @ A2.T
        self.b3 = self.b3 - lr * (1 / m) * np.sum(dZ3, axis=1, keepdims=True)
        dZ2 = (W3.T @ dZ3) * A2 * (1 - A2)
        self.w2 = self.w2 - lr * (1 / m) * dZ2 @ A1.T
        self.b2 = self.b2 - lr * (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = (W2.T @ dZ2) * A1 * (1 - A1)
        self.w1 = self.w1 - lr * (1 / m) * dZ1 @ X.T
        self.b1 = self.b1 - lr * (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
