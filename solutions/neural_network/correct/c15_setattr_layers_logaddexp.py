import numpy as np

class NeuralNetwork(object):
    """parameters kept as attributes set through setattr in a loop"""
    def __init__(self, cf):
        rng = np.random.default_rng()
        for l in range(1, 4):
            setattr(self, f"w{l}", rng.standard_normal((cf[l], cf[l-1])) * np.sqrt(1.0 / cf[l-1]))
            setattr(self, f"b{l}", np.zeros((cf[l], 1)))

    def sigmoid(self, z):
        z = np.asarray(z, dtype=float)
        return np.exp(-np.logaddexp(0, -z))

    def forward(self, X):
        a = X
        for l in (1, 2, 3):
            z = getattr(self, f"w{l}").dot(a) + getattr(self, f"b{l}")
            a = self.sigmoid(z)
            setattr(self, f"z{l}", z); setattr(self, f"a{l}", a)
        return a

    def update(self, lr, y, X):
        m = y.shape[1]
        acts = [X, self.a1, self.a2, self.a3]
        d = self.a3 - y
        grads = {}
        for l in (3, 2, 1):
            grads[l] = (d.dot(acts[l-1].T) / m, d.mean(axis=1, keepdims=True))
            if l > 1:
                d = getattr(self, f"w{l}").T.dot(d) * acts[l-1] * (1 - acts[l-1])
        for l, (dw, db) in grads.items():
            setattr(self, f"w{l}", getattr(self, f"w{l}") - lr * dw)
            setattr(self, f"b{l}", getattr(self, f"b{l}") - lr * db)
