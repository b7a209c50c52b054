# correct variant: numerically stable sigmoid (np.exp of -|z| and np.where), He initialisation
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        n_in, h1, h2, n_out = cf
        self.w1 = np.random.randn(h1, n_in) * np.sqrt(2.0 / n_in)
        self.w2 = np.random.randn(h2, h1) * np.sqrt(2.0 / h1)
        self.w3 = np.random.randn(n_out, h2) * np.sqrt(2.0 / h2)
        self.b1 = np.zeros((h1, 1))
        self.b2 = np.zeros((h2, 1))
        self.b3 = np.zeros((n_out, 1))

    def sigmoid(self, z):
        # exp에 큰 양수가 들어가지 않도록 -|z| 만 사용 (overflow 방지)
        z = np.asarray(z, dtype=float)
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

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
        d2 = self.w3.T @ d3 * (self.a2 * (1 - self.a2))
        d1 = self.w2.T @ d2 * (self.a1 * (1 - self.a1))
        for w, b, d, a_prev in (("w3", "b3", d3, self.a2), ("w2", "b2", d2, self.a1), ("w1", "b1", d1, X)):
            setattr(self, w, getattr(self, w) - lr * (d @ a_prev.T) / m)
            setattr(self, b, getattr(self, b) - lr * d.sum(axis=1, keepdims=True) / m)


if __name__ == "__main__":
    net = NeuralNetwork([4, 3, 2, 1])
    print(net.sigmoid(0), net.sigmoid(np.array([-1000.0, 0.0, 1000.0])))
