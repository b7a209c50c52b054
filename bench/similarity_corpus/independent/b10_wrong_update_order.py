import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.rand(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.rand(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.rand(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.matmul(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        # layer 3
        delta3 = self.a3 - y
        self.w3 = self.w3 - lr * np.matmul(delta3, self.a2.T) / m
        self.b3 = self.b3 - lr * np.sum(delta3, axis=1, keepdims=True) / m

        # layer 2
        delta2 = np.matmul(self.w3.T, delta3) * self.a2 * (1 - self.a2)
        self.w2 = self.w2 - lr * np.matmul(delta2, self.a1.T) / m
        self.b2 = self.b2 - lr * np.sum(delta2, axis=1, keepdims=True) / m

        # layer 1
        delta1 = np.matmul(self.w2.T, delta2) * self.a1 * (1 - self.a1)
        self.w1 = self.w1 - lr * np.matmul(delta1, X.T) / m
        self.b1 = self.b1 - lr * np.sum(delta1, axis=1, keepdims=True) / m


if __name__ == "__main__":
    X = np.random.randn(4, 50)
    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, 50)
    net = NeuralNetwork([4, 3, 2, 1])
    for i in range(1000):
        out = net.forward(X)
        net.update(0.5, y, X)
    print("acc =", np.mean((net.forward(X) > 0.5) == y))
