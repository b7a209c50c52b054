import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = list(cf)
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.3
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.3
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.3
        self.b1, self.b2, self.b3 = np.zeros((cf[1], 1)), np.zeros((cf[2], 1)), np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.a0 = X
        for l in range(1, 4):
            W = self.__getattribute__(f"w{l}")
            b = self.__getattribute__(f"b{l}")
            prev = self.__getattribute__(f"a{l - 1}")
            self.__setattr__(f"z{l}", W.dot(prev) + b)
            self.__setattr__(f"a{l}", self.sigmoid(self.__getattribute__(f"z{l}")))
        return self.a3

    def update(self, lr, y, X):
        self.a0 = X
        m = X.shape[1]
        grads = {}
        dz = self.a3 - y
        for l in [3, 2, 1]:
            a_prev = self.__getattribute__(f"a{l - 1}")
            grads[f"w{l}"] = dz.dot(a_prev.T) / m
            grads[f"b{l}"] = dz.sum(axis=1, keepdims=True) / m
            if l > 1:
                dz = self.__getattribute__(f"w{l}").T.dot(dz) * a_prev * (1 - a_prev)
        for key in grads:
            self.__setattr__(key, self.__getattribute__(key) - lr * grads[key])
