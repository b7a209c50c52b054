import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.layer_sizes = cf
        self.w1 = 2 * np.random.random((cf[1], cf[0])) - 1
        self.w2 = 2 * np.random.random((cf[2], cf[1])) - 1
        self.w3 = 2 * np.random.random((cf[3], cf[2])) - 1
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1.dot(X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2.dot(self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3.dot(self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        # how much did we miss?
        l3_error = y - self.a3
        l3_delta = l3_error

        # how much did each hidden unit contribute to the error?
        l2_error = self.w3.T.dot(l3_delta)
        l2_delta = l2_error * self.a2 * (1 - self.a2)
        l1_error = self.w2.T.dot(l2_delta)
        l1_delta = l1_error * self.a1 * (1 - self.a1)

        self.w3 -= lr * l3_delta.dot(self.a2.T) / m
        self.b3 -= lr * l3_delta.sum(axis=1, keepdims=True) / m
        self.w2 -= lr * l2_delta.dot(self.a1.T) / m
        self.b2 -= lr * l2_delta.sum(axis=1, keepdims=True) / m
        self.w1 -= lr * l1_delta.dot(X.T) / m
        self.b1 -= lr * l1_delta.sum(axis=1, keepdims=True) / m


if __name__ == "__main__":
    np.random.seed(1)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1], [1, 1, 1, 1]])
    y = np.array([[0, 0, 1, 1]])
    nn = NeuralNetwork([3, 4, 4, 1])
    for j in range(60000):
        out = nn.forward(X)
        if j % 10000 == 0:
            print("Error:" + str(np.mean(np.abs(y - out))))
        nn.update(1, y, X)
