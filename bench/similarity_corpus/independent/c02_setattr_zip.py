import numpy as np

LAYERS = (1, 2, 3)


class NeuralNetwork:
    """w1..w3 / b1..b3 are plain attributes, but I loop over them by name."""

    def __init__(self, cf):
        self.cf = list(cf)
        for l, (n_in, n_out) in enumerate(zip(cf[:-1], cf[1:]), start=1):
            setattr(self, f"w{l}", np.random.randn(n_out, n_in) * 0.5)
            setattr(self, f"b{l}", np.zeros((n_out, 1)))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def _params(self):
        return [(getattr(self, f"w{l}"), getattr(self, f"b{l}")) for l in LAYERS]

    def forward(self, X):
        a = X
        for l, (w, b) in zip(LAYERS, self._params()):
            z = w @ a + b
            a = self.sigmoid(z)
            setattr(self, f"z{l}", z)
            setattr(self, f"a{l}", a)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        acts = [X] + [getattr(self, f"a{l}") for l in LAYERS]   # acts[0] = a0 = X

        deltas = {3: acts[3] - y}
        for l in reversed(LAYERS[:-1]):                         # l = 2, 1
            w_next = getattr(self, f"w{l + 1}")
            deltas[l] = (w_next.T @ deltas[l + 1]) * acts[l] * (1 - acts[l])

        grads = [(deltas[l] @ acts[l - 1].T / m,
                  deltas[l].sum(axis=1, keepdims=True) / m) for l in LAYERS]

        # all deltas are done -> now it is safe to touch the weights
        for l, (dw, db) in zip(LAYERS, grads):
            setattr(self, f"w{l}", getattr(self, f"w{l}") - lr * dw)
            setattr(self, f"b{l}", getattr(self, f"b{l}") - lr * db)

    def loss(self, y):
        a = self.a3
        return -np.mean(y * np.log(a + 1e-9) + (1 - y) * np.log(1 - a + 1e-9))


if __name__ == "__main__":
    np.random.seed(7)
    net = NeuralNetwork([3, 5, 4, 2])
    print({k: v.shape for k, v in vars(net).items() if k[0] in "wb"})

    X = np.random.rand(3, 64)
    y = np.vstack([X[0] > X[1], X[2] > 0.5]).astype(float)
    for it in range(1500):
        net.forward(X)
        if it % 300 == 0:
            print(it, round(float(net.loss(y)), 4))
        net.update(2.0, y, X)
    print("acc", np.mean((net.forward(X) > 0.5) == y))
