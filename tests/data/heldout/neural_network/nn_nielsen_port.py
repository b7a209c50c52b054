import numpy as np


def sigmoid(z):
    """The sigmoid function."""
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    """Derivative of the sigmoid function."""
    return sigmoid(z) * (1 - sigmoid(z))


class NeuralNetwork:
    """Adapted from Michael Nielsen's network.py (one mini-batch = the whole X)."""

    def __init__(self, cf):
        self.num_layers = len(cf)
        self.sizes = cf
        self.w1 = np.random.randn(cf[1], cf[0])
        self.w2 = np.random.randn(cf[2], cf[1])
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return sigmoid(z)

    def forward(self, X):
        """Return the output of the network if ``X`` is input."""
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = sigmoid(self.z3)
        return self.a3

    def cost_derivative(self, output_activations, y):
        return output_activations - y

    def update(self, lr, y, X):
        """Update the network's weights and biases by applying gradient
        descent using backpropagation to the whole batch X."""
        # backward pass
        delta = self.cost_derivative(self.a3, y)
        nabla_b3 = delta.sum(axis=1, keepdims=True)
        nabla_w3 = np.dot(delta, self.a2.T)

        sp = sigmoid_prime(self.a2)
        delta = np.dot(self.w3.T, delta) * sp
        nabla_b2 = delta.sum(axis=1, keepdims=True)
        nabla_w2 = np.dot(delta, self.a1.T)

        sp = sigmoid_prime(self.a1)
        delta = np.dot(self.w2.T, delta) * sp
        nabla_b1 = delta.sum(axis=1, keepdims=True)
        nabla_w1 = np.dot(delta, X.T)

        self.w1 = self.w1 - lr * nabla_w1
        self.w2 = self.w2 - lr * nabla_w2
        self.w3 = self.w3 - lr * nabla_w3
        self.b1 = self.b1 - lr * nabla_b1
        self.b2 = self.b2 - lr * nabla_b2
        self.b3 = self.b3 - lr * nabla_b3


if __name__ == "__main__":
    np.random.seed(12)
    X = np.random.rand(4, 30)
    y = (X.sum(axis=0, keepdims=True) > 2).astype(float)
    net = NeuralNetwork([4, 3, 2, 1])
    for epoch in range(2000):
        net.forward(X)
        net.update(0.05, y, X)
    print("accuracy:", np.mean((net.forward(X) > 0.5) == y))
