import numpy as np

N_LAYERS = 3


def xavier(n_out, n_in):
    return np.random.randn(n_out, n_in) / np.sqrt(n_in)


class NeuralNetwork:
    def __init__(self, cf):
        for i in range(1, N_LAYERS + 1):
            setattr(self, "w%d" % i, xavier(cf[i], cf[i - 1]))
            setattr(self, "b%d" % i, np.zeros((cf[i], 1)))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        a = X
        for i in range(1, N_LAYERS + 1):
            z = getattr(self, "w%d" % i) @ a + getattr(self, "b%d" % i)
            a = self.sigmoid(z)
            setattr(self, "z%d" % i, z)
            setattr(self, "a%d" % i, a)
        return a

    def update(self, lr, y, X):
        m = X.shape[1]
        delta = self.a3 - y
        # walk backwards: layer 3 -> 2 -> 1
        for i in range(N_LAYERS, 0, -1):
            a_prev = X if i == 1 else getattr(self, "a%d" % (i - 1))
            w = getattr(self, "w%d" % i)
            b = getattr(self, "b%d" % i)

            w -= lr * (delta @ a_prev.T) / m
            b -= lr * np.sum(delta, axis=1, keepdims=True) / m

            if i > 1:
                delta = (w.T @ delta) * a_prev * (1 - a_prev)

    def accuracy(self, X, y):
        return np.mean((self.forward(X) >= 0.5) == (y >= 0.5))


if __name__ == "__main__":
    np.random.seed(123)
    for cf in ([4, 3, 2, 1], [3, 5, 4, 2], [6, 2, 2, 3]):
        net = NeuralNetwork(cf)
        X = np.random.randn(cf[0], 7)
        shapes = [getattr(net, "w%d" % i).shape for i in (1, 2, 3)]
        print(cf, shapes, net.forward(X).shape)

    X = np.random.randn(4, 250)
    y = (X[0] + X[1] - X[2] > 0).astype(float)[None, :]
    net = NeuralNetwork([4, 3, 2, 1])
    print("start acc %.3f" % net.accuracy(X, y))
    for epoch in range(2000):
        net.forward(X)
        net.update(1.0, y, X)
    print("end acc   %.3f" % net.accuracy(X, y))
