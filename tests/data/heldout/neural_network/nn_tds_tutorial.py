import numpy as np


def sigmoid_derivative(x):
    # x is the output of the sigmoid
    return x * (1.0 - x)


class NeuralNetwork:
    """Based on the classic 'simple neural network in Python' blog post,
    extended to two hidden layers and biases for the assignment."""

    def __init__(self, cf):
        self.input_size = cf[0]
        self.w1 = np.random.rand(cf[1], cf[0])
        self.w2 = np.random.rand(cf[2], cf[1])
        self.w3 = np.random.rand(cf[3], cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1.0 / (1 + np.exp(-z))

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
        # application of the chain rule to find the derivative of the loss
        error = self.a3 - y
        d3 = error * sigmoid_derivative(self.a3)
        d2 = np.dot(self.w3.T, d3) * sigmoid_derivative(self.a2)
        d1 = np.dot(self.w2.T, d2) * sigmoid_derivative(self.a1)

        d_weights3 = np.dot(d3, self.a2.T) / m
        d_weights2 = np.dot(d2, self.a1.T) / m
        d_weights1 = np.dot(d1, X.T) / m
        d_bias3 = np.sum(d3, axis=1, keepdims=True) / m
        d_bias2 = np.sum(d2, axis=1, keepdims=True) / m
        d_bias1 = np.sum(d1, axis=1, keepdims=True) / m

        # update the weights with the derivative (slope) of the loss function
        self.w3 -= lr * d_weights3
        self.w2 -= lr * d_weights2
        self.w1 -= lr * d_weights1
        self.b3 -= lr * d_bias3
        self.b2 -= lr * d_bias2
        self.b1 -= lr * d_bias1


if __name__ == "__main__":
    X = np.array([[0, 0, 1, 1],
                  [0, 1, 0, 1],
                  [1, 1, 1, 1]])
    y = np.array([[0, 1, 1, 0]])
    nn = NeuralNetwork([3, 4, 4, 1])
    for i in range(1500):
        nn.forward(X)
        nn.update(1.0, y, X)
    print(nn.a3)
