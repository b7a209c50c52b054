"""Week 9 activations -- object-oriented: each activation is an instance of a class with __call__.

sigmoid = Sigmoid() is callable like a function; sigmoid_prime is the bound method
sigmoid.prime.  leaky_relu / leaky_relu_prime keep alpha as an ordinary second positional
parameter with default 0.01, exactly as in the spec (leaky_relu(z) and leaky_relu(z, 0.1)).
"""
import math

import numpy as np


class Activation:
    name = "activation"

    def __call__(self, z):
        return self.value(np.asarray(z, dtype=float))

    def prime(self, z):
        return self.slope(np.asarray(z, dtype=float))

    def __repr__(self):
        return "<%s activation>" % self.name


class Sigmoid(Activation):
    name = "sigmoid"

    def value(self, z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0, e) / (1.0 + e)

    def slope(self, z):
        s = self.value(z)
        return s * (1.0 - s)


class Tanh(Activation):
    name = "tanh"

    def value(self, z):
        return np.tanh(z)

    def slope(self, z):
        return 1.0 - np.tanh(z) ** 2


class ReLU(Activation):
    name = "relu"

    def value(self, z):
        return np.where(z > 0, z, 0.0)

    def slope(self, z):
        return (z > 0) * 1.0


class LeakyReLU:
    name = "leaky_relu"

    def __call__(self, z, alpha=0.01):
        z = np.asarray(z, dtype=float)
        return np.where(z > 0, z, alpha * z)

    def prime(self, z, alpha=0.01):
        z = np.asarray(z, dtype=float)
        return np.where(z > 0, 1.0, alpha)


class GELU(Activation):
    name = "gelu"
    _erf = staticmethod(np.vectorize(math.erf, otypes=[float]))

    def cdf(self, z):
        return 0.5 * (1.0 + self._erf(z / math.sqrt(2.0)))

    def value(self, z):
        return z * self.cdf(z)

    def slope(self, z):
        return self.cdf(z) + z * np.exp(-0.5 * z ** 2) / math.sqrt(2.0 * math.pi)


class OutputChooser:
    _table = {"binary_classification": "sigmoid", "regression": "linear", "hidden": "relu"}

    def __call__(self, task):
        return self._table[task.lower()]


sigmoid = Sigmoid()
sigmoid_prime = sigmoid.prime
tanh = Tanh()
tanh_prime = tanh.prime
relu = ReLU()
relu_prime = relu.prime
leaky_relu = LeakyReLU()
leaky_relu_prime = leaky_relu.prime
gelu = GELU()
gelu_prime = gelu.prime
output_activation = OutputChooser()


if __name__ == "__main__":
    for f in (sigmoid, tanh, relu, gelu):
        print(f, f(np.array([-1.0, 0.0, 1.0])), f.prime(np.array([-1.0, 0.0, 1.0])))
