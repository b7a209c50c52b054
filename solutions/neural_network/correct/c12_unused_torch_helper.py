# correct variant: imports torch only inside a helper that nothing calls (torch need not be installed)
import numpy as np


def to_tensor(array):
    """나중에 PyTorch 버전과 비교해 보려고 만든 함수 (과제에서는 사용하지 않음)"""
    import torch
    return torch.tensor(array, dtype=torch.float32)


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) * np.sqrt(1 / cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * np.sqrt(1 / cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * np.sqrt(1 / cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

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
        d3 = self.a3 - y
        d2 = self.w3.T @ d3 * self.a2 * (1 - self.a2)
        d1 = self.w2.T @ d2 * self.a1 * (1 - self.a1)
        self.w3 -= lr / m * d3 @ self.a2.T
        self.b3 -= lr / m * d3.sum(1, keepdims=True)
        self.w2 -= lr / m * d2 @ self.a1.T
        self.b2 -= lr / m * d2.sum(1, keepdims=True)
        self.w1 -= lr / m * d1 @ X.T
        self.b1 -= lr / m * d1.sum(1, keepdims=True)


if __name__ == "__main__":
    net = NeuralNetwork([4, 3, 2, 1])
    print(to_tensor(net.forward(np.zeros((4, 1)))))
