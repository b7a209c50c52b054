import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        n0, n1, n2, n3 = cf
        self.w1 = np.random.randn(n1, n0)
        self.b1 = np.zeros((n1, 1))
        self.w2 = np.random.randn(n2, n1)
        self.b2 = np.zeros((n2, 1))
        self.w3 = np.random.randn(n3, n2)
        self.b3 = np.zeros((n3, 1))

    def sigmoid(self, z):
        z = np.clip(z, -500, 500)
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
        a1, a2, a3 = self.a1, self.a2, self.a3
        m = y.shape[1]

        error_out = a3 - y
        error_h2 = np.matmul(self.w3.T, error_out) * (a2 * (1 - a2))
        error_h1 = np.matmul(self.w2.T, error_h2) * (a1 * (1 - a1))

        grad_w3 = np.matmul(error_out, a2.T) / m
        grad_w2 = np.matmul(error_h2, a1.T) / m
        grad_w1 = np.matmul(error_h1, X.T) / m
        grad_b3 = np.sum(error_out, axis=1, keepdims=True) / m
        grad_b2 = np.sum(error_h2, axis=1, keepdims=True) / m
        grad_b1 = np.sum(error_h1, axis=1, keepdims=True) / m

        self.w3 -= lr * grad_w3
        self.b3 -= lr * grad_b3
        self.w2 -= lr * grad_w2
        self.b2 -= lr * grad_b2
        self.w1 -= lr * grad_w1
        self.b1 -= lr * grad_b1


net = NeuralNetwork([4, 3, 2, 1])
print(net.w1.shape, net.w2.shape, net.w3.shape)
print(net.b1.shape, net.b2.shape, net.b3.shape)
X = np.random.randn(4, 10)
print(net.forward(X).shape)
print(net.sigmoid(0))
print(net.sigmoid(-1000))
