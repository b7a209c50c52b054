"""A small Layer class; NeuralNetwork composes three of them.

The attributes the assignment asks for (w1 ... b3, z1 ... a3) are properties that
forward to the layers, so reading and assigning them works as with plain attributes.
"""
import numpy as np


class Layer:
    def __init__(self, n_in, n_out, activation):
        self.W = np.random.randn(n_out, n_in) * 0.5
        self.b = np.zeros((n_out, 1))
        self.activation = activation
        self.z = None
        self.a = None

    def forward(self, a_prev):
        self.z = self.W @ a_prev + self.b
        self.a = self.activation(self.z)
        return self.a


def _layer_field(index, field):
    def getter(self):
        return getattr(self.layers[index], field)

    def setter(self, value):
        setattr(self.layers[index], field, value)

    return property(getter, setter)


class NeuralNetwork:
    w1, b1, z1, a1 = (_layer_field(0, f) for f in ("W", "b", "z", "a"))
    w2, b2, z2, a2 = (_layer_field(1, f) for f in ("W", "b", "z", "a"))
    w3, b3, z3, a3 = (_layer_field(2, f) for f in ("W", "b", "z", "a"))

    def __init__(self, cf):
        self.layers = [Layer(cf[i], cf[i + 1], self.sigmoid) for i in range(3)]

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        a = X
        for layer in self.layers:
            a = layer.forward(a)
        return a

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)
        inputs = (X, self.a1, self.a2)
        for layer, d, a_prev in zip(self.layers, (d1, d2, d3), inputs):
            layer.W = layer.W - lr * (d @ a_prev.T) / m
            layer.b = layer.b - lr * np.sum(d, axis=1, keepdims=True) / m
