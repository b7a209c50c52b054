import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.random.uniform(-1, 1, (cf[1], cf[0]))
        self.w2 = np.random.uniform(-1, 1, (cf[2], cf[1]))
        self.w3 = np.random.uniform(-1, 1, (cf[3], cf[2]))
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def sigmoid_derivative(self, x):
        return x * (1 - x)

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

        output_delta = self.a3 - y

        hidden2_error = self.w3.T @ output_delta
        hidden2_delta = hidden2_error * self.sigmoid_derivative(hidden2_error)

        hidden1_error = self.w2.T @ hidden2_delta
        hidden1_delta = hidden1_error * self.sigmoid_derivative(hidden1_error)

        self.w3 -= lr * (output_delta @ self.a2.T) / m
        self.w2 -= lr * (hidden2_delta @ self.a1.T) / m
        self.w1 -= lr * (hidden1_delta @ X.T) / m
        self.b3 -= lr * output_delta.sum(axis=1, keepdims=True)
        self.b2 -= lr * hidden2_delta.sum(axis=1, keepdims=True)
        self.b1 -= lr * hidden1_delta.sum(axis=1, keepdims=True)


if __name__ == "__main__":
    np.random.seed(1)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 4, 4, 1])
    for epoch in range(10000):
        output = net.forward(X)
        net.update(0.5, y, X)
        if epoch % 2000 == 0:
            print("Epoch", epoch, "loss", np.mean(np.square(y - output)))
    print("Predicted Output:", net.forward(X))
