import numpy as np

class NeuralNetwork:

    def __init__(self, cf):
        n0, n1, n2, n3 = cf
        self.w1 = np.random.randn(n1, n0) * np.sqrt(2 / n0)
        self.w2 = np.random.randn(n2, n1) * np.sqrt(2 / n1)
        self.w3 = np.random.randn(n3, n2) * np.sqrt(2 / n2)
        self.b1 = np.zeros((n1, 1)); self.b2 = np.zeros((n2, 1)); self.b3 = np.zeros((n3, 1))

    def sigmoid(self, z):
        return 0.5 * (1 + np.tanh(0.5 * z))

    def forward(self, X):
        s = self.sigmoid
        self.z1 = self.w1.dot(X) + self.b1; self.a1 = s(self.z1)
        self.z2 = self.w2.dot(self.a1) + self.b2; self.a2 = s(self.z2)
        self.z3 = self.w3.dot(self.a2) + self.b3; self.a3 = s(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = len(X[0])
        g3 = (self.a3 - y) / m
        g2 = self.w3.T.dot(g3) * self.a2 * (1 - self.a2)
        g1 = self.w2.T.dot(g2) * self.a1 * (1 - self.a1)
        self.w3 -= lr * g3.dot(self.a2.T); self.b3 -= lr * g3.sum(1, keepdims=True)
        self.w2 -= lr * g2.dot(self.a1.T); self.b2 -= lr * g2.sum(1, keepdims=True)
        self.w1 -= lr * g1.dot(X.T); self.b1 -= lr * g1.sum(1, keepdims=True)
