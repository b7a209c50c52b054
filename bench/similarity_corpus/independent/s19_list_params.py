import numpy as np


class NeuralNetwork:
    names = ("1", "2", "3")

    def __init__(self, cf):
        for idx, name in enumerate(self.names):
            fan_in, fan_out = cf[idx], cf[idx + 1]
            self.__setattr__("w" + name, np.random.randn(fan_out, fan_in) * np.sqrt(1 / (fan_in + fan_out)))
            self.__setattr__("b" + name, np.zeros((fan_out, 1)))

    def sigmoid(self, z):
        return np.divide(1, np.add(1, np.exp(np.negative(z))))

    def params(self):
        return [(self.w1, self.b1), (self.w2, self.b2), (self.w3, self.b3)]

    def forward(self, X):
        outs = []
        cur = X
        for w, b in self.params():
            z = w @ cur + b
            cur = self.sigmoid(z)
            outs.append((z, cur))
        (self.z1, self.a1), (self.z2, self.a2), (self.z3, self.a3) = outs
        return cur

    def update(self, lr, y, X):
        m = X.shape[1]
        inputs = [X, self.a1, self.a2]
        outputs = [self.a1, self.a2, self.a3]
        ws = [self.w1, self.w2, self.w3]
        grads = [None] * 3
        delta = outputs[2] - y
        for i in reversed(range(3)):
            grads[i] = (delta @ inputs[i].T / m, delta.sum(axis=1, keepdims=True) / m)
            if i:
                delta = (ws[i].T @ delta) * inputs[i] * (1 - inputs[i])
        for i, name in enumerate(self.names):
            self.__setattr__("w" + name, getattr(self, "w" + name) - lr * grads[i][0])
            self.__setattr__("b" + name, getattr(self, "b" + name) - lr * grads[i][1])
