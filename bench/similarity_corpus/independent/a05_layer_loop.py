import numpy as np


class NeuralNetwork:
    # number of weight layers (w1, w2, w3)
    L = 3

    def __init__(self, cf):
        self.cf = list(cf)
        for l in range(1, self.L + 1):
            n_in, n_out = self.cf[l - 1], self.cf[l]
            # He-style scaling
            setattr(self, f"w{l}", np.random.randn(n_out, n_in) * np.sqrt(2.0 / n_in))
            setattr(self, f"b{l}", np.zeros((n_out, 1)))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        a = X
        for l in range(1, self.L + 1):
            W = getattr(self, f"w{l}")
            b = getattr(self, f"b{l}")
            z = W @ a + b
            a = self.sigmoid(z)
            setattr(self, f"z{l}", z)
            setattr(self, f"a{l}", a)
        return self.a3

    def _act(self, l, X):
        # a0 is the input
        return X if l == 0 else getattr(self, f"a{l}")

    def update(self, lr, y, X):
        m = X.shape[1]

        # 1) all deltas with the old weights
        deltas = {self.L: self.a3 - y}
        for l in range(self.L - 1, 0, -1):
            W_next = getattr(self, f"w{l + 1}")
            a = getattr(self, f"a{l}")
            deltas[l] = (W_next.T @ deltas[l + 1]) * a * (1 - a)

        # 2) gradients
        grads = {}
        for l in range(1, self.L + 1):
            grads[f"w{l}"] = deltas[l] @ self._act(l - 1, X).T / m
            grads[f"b{l}"] = deltas[l].sum(axis=1, keepdims=True) / m

        # 3) step
        for name, g in grads.items():
            setattr(self, name, getattr(self, name) - lr * g)


def bce(a, y):
    a = np.clip(a, 1e-10, 1 - 1e-10)
    return float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)))


if __name__ == "__main__":
    np.random.seed(7)
    X = np.random.randn(4, 40)
    y = (X[0] + X[1] - X[2] > 0).astype(float)[None, :]

    net = NeuralNetwork([4, 6, 4, 1])
    for l in range(1, 4):
        print(l, getattr(net, f"w{l}").shape, getattr(net, f"b{l}").shape)

    # broadcasting check from the README
    out = net.forward(X)
    print(all(np.allclose(out[:, [j]], net.forward(X[:, [j]])) for j in range(X.shape[1])))

    for epoch in range(1000):
        net.forward(X)
        net.update(1.0, y, X)
    print("loss", bce(net.forward(X), y))
    print("acc", np.mean((net.forward(X) >= 0.5) == y))
