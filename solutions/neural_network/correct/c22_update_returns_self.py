import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        for l in range(1, 4):
            n_in, n_out = cf[l - 1], cf[l]
            setattr(self, f"w{l}", np.random.randn(n_out, n_in) * np.sqrt(2.0 / n_in))   # He
            setattr(self, f"b{l}", np.zeros((n_out, 1)))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        a = X
        for l in range(1, 4):
            z = np.dot(getattr(self, f"w{l}"), a) + getattr(self, f"b{l}")
            a = self.sigmoid(z)
            self.__dict__[f"z{l}"] = z
            self.__dict__[f"a{l}"] = a
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        A = [X, self.a1, self.a2, self.a3]
        W = [None, self.w1, self.w2, self.w3]
        deltas = {3: self.a3 - y}
        for l in (2, 1):
            deltas[l] = np.dot(W[l + 1].T, deltas[l + 1]) * A[l] * (1 - A[l])
        for l in (1, 2, 3):
            dW = np.dot(deltas[l], A[l - 1].T) / m
            db = np.sum(deltas[l], axis=1, keepdims=True) / m
            setattr(self, f"w{l}", getattr(self, f"w{l}") - lr * dW)
            setattr(self, f"b{l}", getattr(self, f"b{l}") - lr * db)
        return self          # allows net.update(...).forward(X)
