# correct variant: weights kept in lists internally, exposed as w1..b3 / z1..a3 properties (getters and setters)
import numpy as np


def _layer_property(store, index):
    """self.<store>[index] 를 속성처럼 읽고 쓸 수 있게 해 주는 property"""

    def getter(self):
        return getattr(self, store)[index]

    def setter(self, value):
        getattr(self, store)[index] = np.asarray(value, dtype=float)

    return property(getter, setter)


class NeuralNetwork:
    def __init__(self, cf):
        self.sizes = list(cf)
        self.W = [np.random.randn(cf[i + 1], cf[i]) for i in range(3)]
        self.B = [np.zeros((cf[i + 1], 1)) for i in range(3)]
        self.Z = [None, None, None]
        self.A = [None, None, None]

    w1 = _layer_property("W", 0)
    w2 = _layer_property("W", 1)
    w3 = _layer_property("W", 2)
    b1 = _layer_property("B", 0)
    b2 = _layer_property("B", 1)
    b3 = _layer_property("B", 2)
    z1 = _layer_property("Z", 0)
    z2 = _layer_property("Z", 1)
    z3 = _layer_property("Z", 2)
    a1 = _layer_property("A", 0)
    a2 = _layer_property("A", 1)
    a3 = _layer_property("A", 2)

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        a = X
        for i in range(3):
            z = self.W[i] @ a + self.B[i]
            a = self.sigmoid(z)
            self.Z[i] = z
            self.A[i] = a
        return self.A[2]

    def update(self, lr, y, X):
        m = X.shape[1]
        inputs = [X, self.A[0], self.A[1]]      # 각 층의 입력 a_{l-1}
        deltas = [None, None, self.A[2] - y]    # 출력층 delta
        for i in (1, 0):                        # 은닉층 delta (뒤에서부터)
            deltas[i] = (self.W[i + 1].T @ deltas[i + 1]) * self.A[i] * (1 - self.A[i])
        for i in range(3):
            self.W[i] = self.W[i] - lr * (deltas[i] @ inputs[i].T) / m
            self.B[i] = self.B[i] - lr * deltas[i].sum(axis=1, keepdims=True) / m


if __name__ == "__main__":
    net = NeuralNetwork([4, 3, 2, 1])
    net.w1 = np.ones((3, 4))
    print(net.W[0])
