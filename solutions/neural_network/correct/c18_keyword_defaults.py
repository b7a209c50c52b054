import numpy as np


class NeuralNetwork:
    def __init__(self, cf=(4, 3, 2, 1), init_range=1.0):
        assert len(cf) == 4, "cf must be [n_in, n_h1, n_h2, n_out]"
        self.cf = list(cf)
        r = init_range
        self.w1 = np.random.uniform(-r, r, size=(self.cf[1], self.cf[0]))
        self.w2 = np.random.uniform(-r, r, size=(self.cf[2], self.cf[1]))
        self.w3 = np.random.uniform(-r, r, size=(self.cf[3], self.cf[2]))
        self.b1 = np.zeros((self.cf[1], 1), dtype=np.float64)
        self.b2 = np.zeros((self.cf[2], 1), dtype=np.float64)
        self.b3 = np.zeros((self.cf[3], 1), dtype=np.float64)

    def sigmoid(self, z=0.0):
        z = np.asarray(z, dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X=None):
        if X is None:
            raise ValueError("forward needs an input X of shape (cf[0], m)")
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr=0.1, y=None, X=None):
        m = y.shape[1]
        d3 = self.a3 - y
        d2 = self.w3.T @ d3 * (self.a2 * (1 - self.a2))
        d1 = self.w2.T @ d2 * (self.a1 * (1 - self.a1))

        step = lr / m
        self.w3 = self.w3 - step * (d3 @ self.a2.T)
        self.w2 = self.w2 - step * (d2 @ self.a1.T)
        self.w1 = self.w1 - step * (d1 @ X.T)
        self.b3 = self.b3 - step * d3.sum(axis=1, keepdims=True)
        self.b2 = self.b2 - step * d2.sum(axis=1, keepdims=True)
        self.b1 = self.b1 - step * d1.sum(axis=1, keepdims=True)


if __name__ == "__main__":
    net = NeuralNetwork()
    X = np.random.rand(4, 6)
    y = (X.sum(axis=0, keepdims=True) > 2).astype(float)
    for _ in range(500):
        net.forward(X)
        net.update(2.0, y, X)
    print(net.forward(X).round(2), y)
