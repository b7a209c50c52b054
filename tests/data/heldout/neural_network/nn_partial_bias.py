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
        self.z3 = np.matmul(self.w3, self.a2)
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        d3 = self.a3 - y
        d2 = np.matmul(self.w3.T, d3) * self.a2 * (1 - self.a2)
        d1 = np.matmul(self.w2.T, d2) * self.a1 * (1 - self.a1)

        dW3 = np.matmul(d3, self.a2.T) / m
        dW2 = np.matmul(d2, self.z1.T) / m
        dW1 = np.matmul(d1, X.T) / m
        db3 = np.sum(d3, axis=1, keepdims=True) / m
        db2 = np.sum(d2, axis=1, keepdims=True) / m
        db1 = np.sum(d1, axis=1, keepdims=True) / m

        self.w3 = self.w3 - lr * dW3
        self.w2 = self.w2 - lr * dW2
        self.w1 = self.w1 - lr * dW1
        self.b3 = self.b3 - lr * db3
        self.b2 = self.b2 - lr * db2
        self.b1 = self.b1 - lr * db1


if __name__ == "__main__":
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 3, 2, 1])
    for epoch in range(10000):
        net.forward(X)
        net.update(1.0, y, X)
    print(net.forward(X))
