import numpy as np


class NeuralNetwork:
    names = ("1", "2", "3")

    def __init__(self, cf):
        fi = cf[:-1]
        fo = cf[1:]
        self.w1 = np.random.randn(fo[0], fi[0]) * np.sqrt(1 / (fi[0] + fo[0]))
        self.w2 = np.random.randn(fo[1], fi[1]) * np.sqrt(1 / (fi[1] + fo[1]))
        self.w3 = np.random.randn(fo[2], fi[2]) * np.sqrt(1 / (fi[2] + fo[2]))
        self.b1 = np.zeros((fo[0], 1))
        self.b2 = np.zeros((fo[1], 1))
        self.b3 = np.zeros((fo[2], 1))

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
        self.w1, self.b1 = self.w1 - lr * grads[0][0], self.b1 - lr * grads[0][1]
        self.w2, self.b2 = self.w2 - lr * grads[1][0], self.b2 - lr * grads[1][1]
        self.w3, self.b3 = self.w3 - lr * grads[2][0], self.b3 - lr * grads[2][1]
