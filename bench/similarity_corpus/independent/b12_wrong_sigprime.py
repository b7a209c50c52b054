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

    def sigmoid_prime(self, z):
        s = self.sigmoid(z)
        return s * (1 - s)

    def forward(self, X):
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        dz3 = self.a3 - y
        dz2 = np.dot(self.w3.T, dz3) * self.sigmoid_prime(self.a2)
        dz1 = np.dot(self.w2.T, dz2) * self.sigmoid_prime(self.a1)

        dw3 = np.dot(dz3, self.a2.T) / m
        dw2 = np.dot(dz2, self.a1.T) / m
        dw1 = np.dot(dz1, X.T) / m
        db3 = np.sum(dz3, axis=1, keepdims=True) / m
        db2 = np.sum(dz2, axis=1, keepdims=True) / m
        db1 = np.sum(dz1, axis=1, keepdims=True) / m

        self.w1 -= lr * dw1
        self.b1 -= lr * db1
        self.w2 -= lr * dw2
        self.b2 -= lr * db2
        self.w3 -= lr * dw3
        self.b3 -= lr * db3


if __name__ == "__main__":
    net = NeuralNetwork([4, 3, 2, 1])
    X = np.random.randn(4, 3)
    y = np.array([[0, 1, 1]])
    print("before:", net.forward(X))
    net.update(0.5, y, X)
    print("after:", net.forward(X))
