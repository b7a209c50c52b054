import numpy as np


class NeuralNetwork:
    """My network."""

    def __init__(self, cf):
        sizes = list(zip(cf[1:], cf[:-1]))
        params = [self._layer(o, i) for o, i in sizes]
        (self.w1, self.b1), (self.w2, self.b2), (self.w3, self.b3) = params

    @staticmethod
    def _layer(n_out, n_in):
        return np.random.randn(n_out, n_in) * 0.1, np.zeros((n_out, 1))

    def sigmoid(self, z):
        return np.exp(-np.logaddexp(0, -z))

    def _dense(self, w, b, a_prev):
        z = np.matmul(w, a_prev) + b
        return z, self.sigmoid(z)

    def forward(self, X):
        self.z1, self.a1 = self._dense(self.w1, self.b1, X)
        self.z2, self.a2 = self._dense(self.w2, self.b2, self.a1)
        self.z3, self.a3 = self._dense(self.w3, self.b3, self.a2)
        return self.a3

    @staticmethod
    def _grads(delta, a_prev):
        count = a_prev.shape[1]
        return np.matmul(delta, a_prev.T) / count, np.sum(delta, axis=1, keepdims=True) / count

    def update(self, lr, y, X):
        dz3 = self.a3 - y
        dz2 = np.matmul(self.w3.T, dz3) * self.a2 * (1 - self.a2)
        dz1 = np.matmul(self.w2.T, dz2) * self.a1 * (1 - self.a1)
        for name, delta, a_prev in (("3", dz3, self.a2), ("2", dz2, self.a1), ("1", dz1, X)):
            gw, gb = self._grads(delta, a_prev)
            setattr(self, "w" + name, getattr(self, "w" + name) - lr * gw)
            setattr(self, "b" + name, getattr(self, "b" + name) - lr * gb)
