import numpy as np


class NeuralNetwork:

    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.5
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.5
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
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

        # --- output layer ---
        w3_old = self.w3.copy()          # d2 must use the weights from before this step
        d3 = self.a3 - y
        self.w3 -= lr * np.matmul(d3, self.a2.T) / m
        self.b3 -= lr * np.sum(d3, axis=1, keepdims=True) / m

        # --- second hidden layer ---
        w2_old = self.w2.copy()
        d2 = np.matmul(w3_old.T, d3) * self.a2 * (1 - self.a2)
        self.w2 -= lr * np.matmul(d2, self.a1.T) / m
        self.b2 -= lr * np.sum(d2, axis=1, keepdims=True) / m

        # --- first hidden layer ---
        d1 = np.matmul(w2_old.T, d2) * self.a1 * (1 - self.a1)
        self.w1 -= lr * np.matmul(d1, X.T) / m
        self.b1 -= lr * np.sum(d1, axis=1, keepdims=True) / m


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(4, 5)
    net = NeuralNetwork([4, 3, 2, 1])
    print(net.forward(X).shape)

    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    y = np.array([[0, 1, 1, 0]], dtype=float)
    net = NeuralNetwork([2, 4, 4, 1])
    for epoch in range(10000):
        net.forward(X)
        net.update(2.5, y, X)
    print(net.forward(X))
