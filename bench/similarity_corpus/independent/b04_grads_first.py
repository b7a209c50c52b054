import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # weights: (next layer, previous layer), biases: column vectors
        self.w1 = np.random.randn(cf[1], cf[0]) / np.sqrt(cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) / np.sqrt(cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) / np.sqrt(cf[2])
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
        grads = {}

        # compute every gradient first, then change the weights
        d3 = self.a3 - y
        grads["w3"] = d3 @ self.a2.T / m
        grads["b3"] = d3.sum(axis=1, keepdims=True) / m

        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        grads["w2"] = d2 @ self.a1.T / m
        grads["b2"] = d2.sum(axis=1, keepdims=True) / m

        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)
        grads["w1"] = d1 @ X.T / m
        grads["b1"] = d1.sum(axis=1, keepdims=True) / m

        for name, g in grads.items():
            setattr(self, name, getattr(self, name) - lr * g)


if __name__ == "__main__":
    np.random.seed(42)
    X = np.random.randn(4, 100)
    y = (X[0] + X[1] - X[2] > 0).reshape(1, 100).astype(float)
    net = NeuralNetwork([4, 3, 2, 1])

    for i in range(3000):
        a3 = net.forward(X)
        net.update(1.0, y, X)
        if i % 1000 == 0:
            L = -np.mean(y * np.log(a3) + (1 - y) * np.log(1 - a3))
            print(f"iter {i}: loss {L:.4f}")

    acc = np.mean((net.forward(X) >= 0.5) == y)
    print("acc", acc)
