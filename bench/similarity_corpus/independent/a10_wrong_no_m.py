import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        np.random.seed(1)
        self.W = None  # not used
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.01
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.01
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.01
        self.b1 = np.zeros(shape=(cf[1], 1))
        self.b2 = np.zeros(shape=(cf[2], 1))
        self.b3 = np.zeros(shape=(cf[3], 1))

    def sigmoid(self, z):
        return 1. / (1. + np.exp(-z))

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

        # output layer error
        err3 = self.a3 - y
        # hidden layer errors
        err2 = np.matmul(self.w3.T, err3) * (self.a2 * (1 - self.a2))
        err1 = np.matmul(self.w2.T, err2) * (self.a1 * (1 - self.a1))

        # weight gradients
        dW3 = np.matmul(err3, self.a2.T)
        dW2 = np.matmul(err2, self.a1.T)
        dW1 = np.matmul(err1, X.T)
        # bias gradients
        db3 = np.sum(err3, axis=1, keepdims=True) / m
        db2 = np.sum(err2, axis=1, keepdims=True) / m
        db1 = np.sum(err1, axis=1, keepdims=True) / m

        self.w3 = self.w3 - lr * dW3
        self.w2 = self.w2 - lr * dW2
        self.w1 = self.w1 - lr * dW1
        self.b3 = self.b3 - lr * db3
        self.b2 = self.b2 - lr * db2
        self.b1 = self.b1 - lr * db1


if __name__ == "__main__":
    X = np.random.randn(4, 10)
    y = (X[0] + X[1] - X[2] > 0).astype(int).reshape(1, 10)
    net = NeuralNetwork([4, 3, 2, 1])
    a = net.forward(X)
    print("a3 shape:", a.shape)
    print("z1:", net.z1.shape, "a1:", net.a1.shape)
    print("z2:", net.z2.shape, "a2:", net.a2.shape)

    for epoch in range(500):
        net.forward(X)
        net.update(0.1, y, X)
    print("pred:", (net.forward(X) > 0.5).astype(int))
    print("true:", y)
