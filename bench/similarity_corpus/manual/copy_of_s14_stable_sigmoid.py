import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        r = np.random.randn
        self.w1 = r(cf[1], cf[0]) * np.sqrt(1.0 / cf[0])
        self.w2 = r(cf[2], cf[1]) * np.sqrt(1.0 / cf[1])
        self.w3 = r(cf[3], cf[2]) * np.sqrt(1.0 / cf[2])
        self.b1 = np.zeros((cf[1], 1), dtype=float)
        self.b2 = np.zeros((cf[2], 1), dtype=float)
        self.b3 = np.zeros((cf[3], 1), dtype=float)

    def sigmoid(self, z):
        z = np.asarray(z, dtype=np.float64)
        pos = z >= 0
        out = np.empty_like(z)
        out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
        ez = np.exp(z[~pos])
        out[~pos] = ez / (1.0 + ez)
        return out if out.shape else out.item()

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
        prev = {"1": X, "2": self.a1, "3": self.a2}
        act = {"1": self.a1, "2": self.a2, "3": self.a3}
        delta = act["3"] - y
        new = {}
        for k in ("3", "2", "1"):
            new["w" + k] = self.__dict__["w" + k] - lr * delta @ prev[k].T / m
            new["b" + k] = self.__dict__["b" + k] - lr * np.sum(delta, axis=1).reshape(-1, 1) / m
            if k != "1":
                delta = (self.__dict__["w" + k].T @ delta) * prev[k] * (1 - prev[k])
        self.__dict__.update(new)
