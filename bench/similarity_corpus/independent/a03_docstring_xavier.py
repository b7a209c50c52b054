"""Homework 9 - NeuralNetwork class.

Two hidden layers, sigmoid activation everywhere, binary cross-entropy loss.
"""
import numpy as np


class NeuralNetwork:
    """Fully connected 3-layer network (2 hidden + output)."""

    def __init__(self, cf):
        """Xavier-initialised weights, zero column-vector biases.

        cf -- list [n_in, n_h1, n_h2, n_out]
        """
        n0, n1, n2, n3 = cf
        self.w1 = np.random.randn(n1, n0) * np.sqrt(1.0 / n0)
        self.w2 = np.random.randn(n2, n1) * np.sqrt(1.0 / n1)
        self.w3 = np.random.randn(n3, n2) * np.sqrt(1.0 / n2)
        self.b1 = np.zeros((n1, 1))
        self.b2 = np.zeros((n2, 1))
        self.b3 = np.zeros((n3, 1))

    def sigmoid(self, z):
        """Logistic function, works for scalars and arrays of any shape."""
        return 1.0 / (1.0 + np.exp(-z))

    def _sigmoid_deriv(self, a):
        """Derivative of the sigmoid expressed through its output a = sigmoid(z)."""
        return a * (1.0 - a)

    def forward(self, X):
        """Forward propagation. X: (n_in, m). Returns a3: (n_out, m)."""
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)

        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)

        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        """One gradient descent step on the mean binary cross-entropy.

        Must be called right after forward(X).
        """
        m = X.shape[1]

        # backward pass: deltas first, with the current weights
        delta3 = self.a3 - y
        delta2 = np.dot(np.transpose(self.w3), delta3) * self._sigmoid_deriv(self.a2)
        delta1 = np.dot(np.transpose(self.w2), delta2) * self._sigmoid_deriv(self.a1)

        grad_w3 = np.dot(delta3, np.transpose(self.a2)) / m
        grad_w2 = np.dot(delta2, np.transpose(self.a1)) / m
        grad_w1 = np.dot(delta1, np.transpose(X)) / m

        grad_b3 = np.sum(delta3, axis=1, keepdims=True) / m
        grad_b2 = np.sum(delta2, axis=1, keepdims=True) / m
        grad_b1 = np.sum(delta1, axis=1, keepdims=True) / m

        # gradient descent step
        self.w3 -= lr * grad_w3
        self.w2 -= lr * grad_w2
        self.w1 -= lr * grad_w1
        self.b3 -= lr * grad_b3
        self.b2 -= lr * grad_b2
        self.b1 -= lr * grad_b1

    def loss(self, y):
        """Mean binary cross-entropy of the last forward pass (for my own testing)."""
        eps = 1e-12
        return -np.mean(y * np.log(self.a3 + eps) + (1 - y) * np.log(1 - self.a3 + eps))


if __name__ == "__main__":
    np.random.seed(42)
    # XOR as a sanity check (2 inputs)
    X = np.array([[0, 0, 1, 1],
                  [0, 1, 0, 1]], dtype=float)
    y = np.array([[0, 1, 1, 0]], dtype=float)

    nn = NeuralNetwork([2, 4, 3, 1])
    for epoch in range(5001):
        nn.forward(X)
        if epoch % 1000 == 0:
            print(f"epoch {epoch:5d}  loss {nn.loss(y):.4f}")
        nn.update(2.0, y, X)
    print("predictions:", np.round(nn.forward(X), 3))
