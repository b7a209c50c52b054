import numpy as np
from typing import List


class NeuralNetwork:
    """3-layer MLP, sigmoid everywhere, trained with mean binary cross-entropy."""

    def __init__(self, cf: List[int]) -> None:
        self.cf = cf
        self.w1: np.ndarray = np.random.randn(cf[1], cf[0]) * 0.5
        self.b1: np.ndarray = np.zeros((cf[1], 1))
        self.w2: np.ndarray = np.random.randn(cf[2], cf[1]) * 0.5
        self.b2: np.ndarray = np.zeros((cf[2], 1))
        self.w3: np.ndarray = np.random.randn(cf[3], cf[2]) * 0.5
        self.b3: np.ndarray = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def sigmoid_derivative(self, z):
        s = self.sigmoid(z)
        return s * (1.0 - s)

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr: float, y: np.ndarray, X: np.ndarray) -> None:
        m: int = X.shape[1]

        # output layer: BCE + sigmoid simplifies to a3 - y
        delta3 = self.a3 - y
        # hidden layers: chain rule through the activation
        delta2 = np.dot(self.w3.T, delta3) * self.sigmoid_derivative(self.a2)
        delta1 = np.dot(self.w2.T, delta2) * self.sigmoid_derivative(self.a1)

        grad_w3 = np.dot(delta3, self.a2.T) / m
        grad_b3 = np.sum(delta3, axis=1, keepdims=True) / m
        grad_w2 = np.dot(delta2, self.a1.T) / m
        grad_b2 = np.sum(delta2, axis=1, keepdims=True) / m
        grad_w1 = np.dot(delta1, X.T) / m
        grad_b1 = np.sum(delta1, axis=1, keepdims=True) / m

        self.w3 = self.w3 - lr * grad_w3
        self.b3 = self.b3 - lr * grad_b3
        self.w2 = self.w2 - lr * grad_w2
        self.b2 = self.b2 - lr * grad_b2
        self.w1 = self.w1 - lr * grad_w1
        self.b1 = self.b1 - lr * grad_b1

    def predict(self, X: np.ndarray) -> np.ndarray:
        return (self.forward(X) >= 0.5).astype(int)


if __name__ == "__main__":
    np.random.seed(10)
    n_samples = 200
    X = np.random.randn(4, n_samples)
    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, n_samples)

    model = NeuralNetwork([4, 3, 2, 1])
    for epoch in range(1, 1001):
        model.forward(X)
        model.update(1.0, y, X)
        if epoch % 250 == 0:
            print(f"[{epoch:4d}] accuracy = {np.mean(model.predict(X) == y):.3f}")
