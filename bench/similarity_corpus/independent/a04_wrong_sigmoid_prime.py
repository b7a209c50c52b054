import numpy as np


class NeuralNetwork:

    def __init__(self, cf):
        self.layers = cf
        # small random weights
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.5
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.5
        self.b3 = np.zeros((cf[3], 1))
        self.cache = {}

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def sigmoid_prime(self, x):
        s = self.sigmoid(x)
        return s * (1 - s)

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)

        # keep everything in one place for backprop
        self.cache = {"A0": X, "A1": self.a1, "A2": self.a2, "A3": self.a3}
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        A1, A2, A3 = self.a1, self.a2, self.a3

        # output layer
        dZ3 = A3 - y
        dW3 = dZ3 @ A2.T / m
        dB3 = np.sum(dZ3, axis=1, keepdims=True) / m

        # hidden layer 2
        dZ2 = (self.w3.T @ dZ3) * self.sigmoid_prime(A2)
        dW2 = dZ2 @ A1.T / m
        dB2 = np.sum(dZ2, axis=1, keepdims=True) / m

        # hidden layer 1
        dZ1 = (self.w2.T @ dZ2) * self.sigmoid_prime(A1)
        dW1 = dZ1 @ X.T / m
        dB1 = np.sum(dZ1, axis=1, keepdims=True) / m

        # gradient descent
        self.w1 = self.w1 - lr * dW1
        self.b1 = self.b1 - lr * dB1
        self.w2 = self.w2 - lr * dW2
        self.b2 = self.b2 - lr * dB2
        self.w3 = self.w3 - lr * dW3
        self.b3 = self.b3 - lr * dB3

        return -np.mean(y * np.log(A3) + (1 - y) * np.log(1 - A3))


if __name__ == "__main__":
    np.random.seed(3)
    m = 50
    X = np.random.randn(3, m)
    y = (X[0] + X[1] - X[2] > 0).reshape(1, m).astype(float)

    model = NeuralNetwork([3, 5, 4, 1])
    print("output shape", model.forward(X).shape)
    for it in range(1500):
        model.forward(X)
        cost = model.update(1.5, y, X)
        if it % 300 == 0:
            print("iter", it, "cost", round(cost, 4))
    acc = ((model.forward(X) > 0.5) == y).mean()
    print("train acc", acc)
