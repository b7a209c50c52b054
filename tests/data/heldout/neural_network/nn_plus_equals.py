import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0])
        self.w2 = np.random.randn(cf[2], cf[1])
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = y.shape[0]

        delta3 = self.a3 - y
        delta2 = np.dot(self.w3.T, delta3) * self.a2 * (1 - self.a2)
        delta1 = np.dot(self.w2.T, delta2) * self.a1 * (1 - self.a1)

        self.w3 += lr * np.dot(delta3, self.a2.T) / m
        self.b3 += lr * np.sum(delta3, axis=1, keepdims=True) / m
        self.w2 += lr * np.dot(delta2, self.a1.T) / m
        self.b2 += lr * np.sum(delta2, axis=1, keepdims=True) / m
        self.w1 += lr * np.dot(delta1, X.T) / m
        self.b1 += lr * np.sum(delta1, axis=1, keepdims=True) / m


if __name__ == "__main__":
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    nn = NeuralNetwork([2, 3, 2, 1])
    for i in range(1000):
        out = nn.forward(X)
        nn.update(0.1, y, X)
        if i % 100 == 0:
            print(i, -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out)))
