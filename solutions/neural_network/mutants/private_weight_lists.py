# MISTAKE: forward and update use private lists self.W / self.B built in __init__, so weights the grader assigns to w1..b3 are ignored (and w1..b3 never change).
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.W = [np.random.randn(cf[l + 1], cf[l]) * 0.5 for l in range(3)]
        self.B = [np.zeros((cf[l + 1], 1)) for l in range(3)]
        # the assignment wants these names, so expose them too
        self.w1, self.w2, self.w3 = [w.copy() for w in self.W]
        self.b1, self.b2, self.b3 = [b.copy() for b in self.B]

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        a = X
        zs, acts = [], []
        for W, b in zip(self.W, self.B):
            z = W @ a + b
            a = self.sigmoid(z)
            zs.append(z)
            acts.append(a)
        self.z1, self.z2, self.z3 = zs
        self.a1, self.a2, self.a3 = acts
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        acts = [X, self.a1, self.a2, self.a3]
        delta = self.a3 - y
        grads = []
        for l in (2, 1, 0):
            grads.append((l, delta @ acts[l].T / m, delta.sum(axis=1, keepdims=True) / m))
            if l > 0:
                delta = (self.W[l].T @ delta) * acts[l] * (1 - acts[l])
        for l, dW, db in grads:
            self.W[l] = self.W[l] - lr * dW
            self.B[l] = self.B[l] - lr * db
