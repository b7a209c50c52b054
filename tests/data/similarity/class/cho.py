import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.sizes = cf
        W = {}
        for l in range(1, len(cf)):
            W[l] = np.random.randn(cf[l], cf[l - 1]) / np.sqrt(cf[l - 1])
        self.w1, self.w2, self.w3 = W[1], W[2], W[3]
        self.b1, self.b2, self.b3 = [np.zeros((cf[l], 1)) for l in range(1, 4)]

    def sigmoid(self, z):
        z = np.asarray(z, dtype=float)
        out = 1.0 / (1.0 + np.exp(-z))
        return out if out.ndim else float(out)

    def forward(self, X):
        weights = [self.w1, self.w2, self.w3]
        biases = [self.b1, self.b2, self.b3]
        cache = {"a0": X}
        for l in range(3):
            cache["z%d" % (l + 1)] = weights[l] @ cache["a%d" % l] + biases[l]
            cache["a%d" % (l + 1)] = self.sigmoid(cache["z%d" % (l + 1)])
        self.z1, self.z2, self.z3 = cache["z1"], cache["z2"], cache["z3"]
        self.a1, self.a2, self.a3 = cache["a1"], cache["a2"], cache["a3"]
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        A = [X, self.a1, self.a2, self.a3]
        Ws = [None, self.w1, self.w2, self.w3]
        Bs = [None, self.b1, self.b2, self.b3]
        D = {3: A[3] - y}
        for l in (2, 1):
            D[l] = Ws[l + 1].T @ D[l + 1] * A[l] * (1 - A[l])
        for l in (1, 2, 3):
            Ws[l] = Ws[l] - lr * (D[l] @ A[l - 1].T) / m
            Bs[l] = Bs[l] - lr * D[l].sum(axis=1, keepdims=True) / m
        self.w1, self.w2, self.w3 = Ws[1:]
        self.b1, self.b2, self.b3 = Bs[1:]
