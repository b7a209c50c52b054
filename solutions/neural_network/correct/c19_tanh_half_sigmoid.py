import numpy as np


class NeuralNetwork:
    """Fully connected 2-hidden-layer network.

    Parameters
    ----------
    cf : list of int
        ``[n_in, n_h1, n_h2, n_out]``.
    """

    def __init__(self, cf):
        sizes = list(cf)
        self.w1 = np.random.standard_normal((sizes[1], sizes[0]))
        self.w2 = np.random.standard_normal((sizes[2], sizes[1]))
        self.w3 = np.random.standard_normal((sizes[3], sizes[2]))
        self.b1 = np.zeros((sizes[1], 1))
        self.b2 = np.zeros((sizes[2], 1))
        self.b3 = np.zeros((sizes[3], 1))

    def sigmoid(self, z):
        """sigma(z) = 1/(1+e^-z) = (1 + tanh(z/2)) / 2  -- the tanh form never overflows."""
        return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))

    def forward(self, X):
        self.z1 = np.add(np.matmul(self.w1, X), self.b1)
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.add(np.matmul(self.w2, self.a1), self.b2)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.add(np.matmul(self.w3, self.a2), self.b3)
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        """One gradient-descent step on the mean binary cross-entropy."""
        m = np.shape(X)[1]
        g2 = np.multiply(self.a2, np.subtract(1.0, self.a2))   # sigma'(z2)
        g1 = np.multiply(self.a1, np.subtract(1.0, self.a1))   # sigma'(z1)

        d3 = np.subtract(self.a3, y)
        d2 = np.multiply(np.matmul(np.transpose(self.w3), d3), g2)
        d1 = np.multiply(np.matmul(np.transpose(self.w2), d2), g1)

        updates = [
            ("w3", np.matmul(d3, np.transpose(self.a2)) / m), ("b3", np.sum(d3, axis=1, keepdims=True) / m),
            ("w2", np.matmul(d2, np.transpose(self.a1)) / m), ("b2", np.sum(d2, axis=1, keepdims=True) / m),
            ("w1", np.matmul(d1, np.transpose(X)) / m),       ("b1", np.sum(d1, axis=1, keepdims=True) / m),
        ]
        for name, grad in updates:
            setattr(self, name, np.subtract(getattr(self, name), np.multiply(lr, grad)))
