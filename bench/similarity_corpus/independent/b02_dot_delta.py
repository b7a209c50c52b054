import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.random.randn(cf[1], cf[0])
        self.w2 = np.random.randn(cf[2], cf[1])
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

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

        delta3 = self.a3 - y
        delta2 = np.dot(self.w3.T, delta3) * self.a2 * (1 - self.a2)
        delta1 = np.dot(self.w2.T, delta2) * self.a1 * (1 - self.a1)

        dW3 = np.dot(delta3, self.a2.T) / m
        db3 = np.sum(delta3, axis=1, keepdims=True) / m
        dW2 = np.dot(delta2, self.a1.T) / m
        db2 = np.sum(delta2, axis=1, keepdims=True) / m
        dW1 = np.dot(delta1, X.T) / m
        db1 = np.sum(delta1, axis=1, keepdims=True) / m

        self.w1 = self.w1 - lr * dW1
        self.b1 = self.b1 - lr * db1
        self.w2 = self.w2 - lr * dW2
        self.b2 = self.b2 - lr * db2
        self.w3 = self.w3 - lr * dW3
        self.b3 = self.b3 - lr * db3


def loss(a, y):
    m = y.shape[1]
    return -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / m


if __name__ == "__main__":
    np.random.seed(1)
    X = np.random.randn(3, 200)
    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)

    nn = NeuralNetwork([3, 4, 3, 1])
    for epoch in range(2000):
        out = nn.forward(X)
        nn.update(0.5, y, X)
        if epoch % 400 == 0:
            print(epoch, loss(out, y))

    pred = nn.forward(X) >= 0.5
    print("accuracy:", np.mean(pred == y))
