import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        assert len(cf) == 4, "cf must be [n_in, n_h1, n_h2, n_out]"
        n0, n1, n2, n3 = cf
        # lecture style: uniform [0, 1) shifted to be centred at 0
        self.w1 = np.random.rand(n1, n0) - 0.5
        self.b1 = np.zeros((n1, 1))
        self.w2 = np.random.rand(n2, n1) - 0.5
        self.b2 = np.zeros((n2, 1))
        self.w3 = np.random.rand(n3, n2) - 0.5
        self.b3 = np.zeros((n3, 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        assert X.ndim == 2 and X.shape[0] == self.w1.shape[1], f"bad X shape {X.shape}"
        m = X.shape[1]

        # 'ij,jk->ik' is the ordinary matrix product
        self.z1 = np.einsum("ij,jk->ik", self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.einsum("ij,jk->ik", self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.einsum("ij,jk->ik", self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)

        assert self.a3.shape == (self.w3.shape[0], m)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        assert y.shape == self.a3.shape, f"y {y.shape} vs a3 {self.a3.shape}"

        d3 = self.a3 - y
        # 'ji,jk->ik' == w.T @ d  without writing the transpose
        d2 = np.einsum("ji,jk->ik", self.w3, d3) * self.a2 * (1 - self.a2)
        d1 = np.einsum("ji,jk->ik", self.w2, d2) * self.a1 * (1 - self.a1)

        # 'ik,jk->ij' == d @ a_prev.T, summed over the samples k
        dw3 = np.einsum("ik,jk->ij", d3, self.a2) / m
        dw2 = np.einsum("ik,jk->ij", d2, self.a1) / m
        dw1 = np.einsum("ik,jk->ij", d1, X) / m
        db3 = np.einsum("ik->i", d3)[:, None] / m
        db2 = np.einsum("ik->i", d2)[:, None] / m
        db1 = np.einsum("ik->i", d1)[:, None] / m

        for w, dw in ((self.w1, dw1), (self.w2, dw2), (self.w3, dw3)):
            assert w.shape == dw.shape
        for b, db in ((self.b1, db1), (self.b2, db2), (self.b3, db3)):
            assert b.shape == db.shape

        self.w1 -= lr * dw1
        self.w2 -= lr * dw2
        self.w3 -= lr * dw3
        self.b1 -= lr * db1
        self.b2 -= lr * db2
        self.b3 -= lr * db3


if __name__ == "__main__":
    np.random.seed(0)
    net = NeuralNetwork([4, 3, 2, 1])
    X = np.random.randn(4, 5)
    print(net.forward(X).shape)                                   # (1, 5)
    print(np.allclose(net.forward(X)[:, [2]], net.forward(X[:, [2]])))

    X = np.random.randn(4, 300)
    y = (X[0] + X[1] - X[2] > 0).astype(float)[None, :]
    for _ in range(3000):
        net.forward(X)
        net.update(1.5, y, X)
    print("train acc:", np.mean((net.forward(X) >= 0.5) == y))
