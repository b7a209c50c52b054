import numpy as np


class NeuralNetwork:
    """Weights and biases kept in lists, indexed by layer l = 1 .. L-1.

    The assignment's names w1 .. b3 and z1 .. a3 are properties on top of the lists.
    """

    def __init__(self, cf):
        self.sizes = cf
        self.L = len(cf)
        self.W = [np.empty((0, 0))]
        self.b = [np.empty((0, 0))]
        for l in range(1, self.L):
            self.W.append(np.random.randn(cf[l], cf[l - 1]) * 0.5)
            self.b.append(np.zeros((cf[l], 1)))
        self.z = [None] * self.L
        self.a = [None] * self.L

    # ----- names required by the grader -----
    w1 = property(lambda s: s.W[1], lambda s, v: s.W.__setitem__(1, v))
    w2 = property(lambda s: s.W[2], lambda s, v: s.W.__setitem__(2, v))
    w3 = property(lambda s: s.W[3], lambda s, v: s.W.__setitem__(3, v))
    b1 = property(lambda s: s.b[1], lambda s, v: s.b.__setitem__(1, v))
    b2 = property(lambda s: s.b[2], lambda s, v: s.b.__setitem__(2, v))
    b3 = property(lambda s: s.b[3], lambda s, v: s.b.__setitem__(3, v))
    z1 = property(lambda s: s.z[1], lambda s, v: s.z.__setitem__(1, v))
    z2 = property(lambda s: s.z[2], lambda s, v: s.z.__setitem__(2, v))
    z3 = property(lambda s: s.z[3], lambda s, v: s.z.__setitem__(3, v))
    a1 = property(lambda s: s.a[1], lambda s, v: s.a.__setitem__(1, v))
    a2 = property(lambda s: s.a[2], lambda s, v: s.a.__setitem__(2, v))
    a3 = property(lambda s: s.a[3], lambda s, v: s.a.__setitem__(3, v))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.a[0] = X
        for l in range(1, self.L):
            self.z[l] = np.dot(self.W[l], self.a[l - 1]) + self.b[l]
            self.a[l] = self.sigmoid(self.z[l])
        return self.a[-1]

    def update(self, lr, y, X):
        L = self.L
        m = X.shape[1]
        self.a[0] = X
        delta = self.a[L - 1] - y
        for l in range(L - 1, 0, -1):
            dW = np.dot(delta, self.a[l - 1].T) / m
            db = np.sum(delta, axis=1, keepdims=True) / m
            self.W[l] = self.W[l] - lr * dW
            self.b[l] = self.b[l] - lr * db
            if l > 1:
                delta = np.dot(self.W[l].T, delta) * self.a[l - 1] * (1 - self.a[l - 1])


if __name__ == "__main__":
    np.random.seed(2)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 4, 4, 1])
    for epoch in range(20000):
        net.forward(X)
        net.update(2.0, y, X)
    print([w.shape for w in net.W[1:]])
    print(net.forward(X).round(3))
