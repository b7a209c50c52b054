import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        n = [int(c) for c in cf]
        # a Generator, but seeded from the global np.random state so that
        # np.random.seed(...) before construction still gives reproducible weights
        rng = np.random.default_rng(np.random.randint(0, 2**31 - 1))
        self.w1 = rng.normal(0.0, 1.0 / np.sqrt(n[0]), size=(n[1], n[0]))
        self.w2 = rng.normal(0.0, 1.0 / np.sqrt(n[1]), size=(n[2], n[1]))
        self.w3 = rng.normal(0.0, 1.0 / np.sqrt(n[2]), size=(n[3], n[2]))
        self.b1, self.b2, self.b3 = (np.zeros((k, 1)) for k in n[1:])

    def sigmoid(self, z):
        # stable form: exp of a non-positive number only
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def forward(self, X):
        self.z1 = self.w1.dot(X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2.dot(self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3.dot(self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        a0, a1, a2, a3 = X, self.a1, self.a2, self.a3
        d3 = a3 - y
        d2 = self.w3.T.dot(d3) * a2 * (1 - a2)
        d1 = self.w2.T.dot(d2) * a1 * (1 - a1)

        Ws = (self.w1, self.w2, self.w3)
        Bs = (self.b1, self.b2, self.b3)
        Ds = (d1, d2, d3)
        As = (a0, a1, a2)
        new_W = [W - lr * d.dot(a.T) / m for W, d, a in zip(Ws, Ds, As)]
        new_B = [b - lr * d.sum(axis=1, keepdims=True) / m for b, d in zip(Bs, Ds)]
        self.w1, self.w2, self.w3 = new_W
        self.b1, self.b2, self.b3 = new_B
