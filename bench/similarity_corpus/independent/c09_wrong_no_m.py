import numpy as np

# tiny helpers as lambdas
rand_w = lambda r, c: np.random.uniform(-1, 1, (r, c))
zeros_b = lambda r: np.zeros((r, 1))
d_sig = lambda a: a * (1 - a)
col_sum = lambda d: d.sum(axis=1, keepdims=True)


class NeuralNetwork:
    def __init__(self, cf):
        self.w1, self.w2, self.w3 = [rand_w(cf[i + 1], cf[i]) for i in range(3)]
        self.b1, self.b2, self.b3 = [zeros_b(cf[i + 1]) for i in range(3)]

    def sigmoid(self, z):
        z = np.clip(z, -500, 500)       # avoid overflow warnings
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        layer = lambda w, a, b: w.dot(a) + b
        self.z1 = layer(self.w1, X, self.b1)
        self.a1 = self.sigmoid(self.z1)
        self.z2 = layer(self.w2, self.a1, self.b2)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = layer(self.w3, self.a2, self.b3)
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        d3 = self.a3 - y
        d2 = self.w3.T.dot(d3) * d_sig(self.a2)
        d1 = self.w2.T.dot(d2) * d_sig(self.a1)

        grad = lambda d, a_prev: (d.dot(a_prev.T), col_sum(d))
        dw3, db3 = grad(d3, self.a2)
        dw2, db2 = grad(d2, self.a1)
        dw1, db1 = grad(d1, X)

        self.w3 -= lr * dw3
        self.b3 -= lr * db3
        self.w2 -= lr * dw2
        self.b2 -= lr * db2
        self.w1 -= lr * dw1
        self.b1 -= lr * db1


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(4, 50)
    y = (X.sum(axis=0, keepdims=True) > 0) * 1.0
    nn = NeuralNetwork([4, 3, 2, 1])
    acc = lambda: ((nn.forward(X) > 0.5) == y).mean()
    print("before", acc())
    for _ in range(500):
        nn.forward(X)
        nn.update(0.05, y, X)
    print("after", acc())
