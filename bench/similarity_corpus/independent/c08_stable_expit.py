import numpy as np


def expit(z):
    """Numerically stable logistic, no scipy.
    z >= 0 : 1 / (1 + e^-z)
    z <  0 : e^z / (1 + e^z)   (e^-z would overflow for very negative z)
    """
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out[()]          # 0-d array -> plain scalar, otherwise unchanged


def row_mean(d):
    # sum over the samples (axis 1), keep the column shape, divide by m
    return np.add.reduce(d, axis=1, keepdims=True) / d.shape[1]


class NeuralNetwork:
    def __init__(self, cf):
        sizes = list(cf)
        self.w1 = np.random.randn(sizes[1], sizes[0]) * 0.8
        self.w2 = np.random.randn(sizes[2], sizes[1]) * 0.8
        self.w3 = np.random.randn(sizes[3], sizes[2]) * 0.8
        self.b1 = np.zeros((sizes[1], 1))
        self.b2 = np.zeros((sizes[2], 1))
        self.b3 = np.zeros((sizes[3], 1))

    def sigmoid(self, z):
        return expit(z)

    def forward(self, X):
        self.z1 = np.matmul(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = np.matmul(self.w3.T, d3) * (self.a2 * (1.0 - self.a2))
        d1 = np.matmul(self.w2.T, d2) * (self.a1 * (1.0 - self.a1))

        step = {
            "w3": np.matmul(d3, self.a2.T) / m, "b3": row_mean(d3),
            "w2": np.matmul(d2, self.a1.T) / m, "b2": row_mean(d2),
            "w1": np.matmul(d1, X.T) / m,       "b1": row_mean(d1),
        }
        for name, grad in step.items():
            setattr(self, name, getattr(self, name) - lr * grad)

    def cost(self, y):
        a = np.clip(self.a3, 1e-12, 1 - 1e-12)
        return -np.add.reduce((y * np.log(a) + (1 - y) * np.log(1 - a)).ravel()) / y.shape[1]


# quick sanity checks
print(expit(0), expit(-1000.0), expit(1000.0))
print(expit(np.zeros((2, 3, 4))).shape)

np.random.seed(5)
_net = NeuralNetwork([2, 4, 3, 1])
_X = np.random.randn(2, 80)
_y = (_X[0] > _X[1]).astype(float)[None, :]
for _i in range(800):
    _net.forward(_X)
    if _i % 200 == 0:
        print(f"iter {_i}: cost={_net.cost(_y):.4f}")
    _net.update(3.0, _y, _X)
