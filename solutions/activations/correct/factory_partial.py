"""Week 9 activations -- functions produced by factories (closures) and functools.partial.

_elementwise(f) returns a function that converts z with np.asarray(z, dtype=float) and applies f;
relu is functools.partial(np.maximum, 0.0) (np.maximum allocates a new array).
_make_leaky builds leaky_relu / leaky_relu_prime with alpha as the second positional parameter.
"""
import functools
import math

import numpy as np


def _elementwise(f, name):
    def wrapped(z):
        return f(np.asarray(z, dtype=float))
    wrapped.__name__ = name
    wrapped.__qualname__ = name
    wrapped.__doc__ = "element-wise %s" % name
    return wrapped


def _stable_sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _derivative_from(g_of_a):
    """derivative = h(g(z)) for activations whose slope is a function of the output."""
    def make(g):
        return lambda x: g_of_a(g(x))
    return make


sigmoid = _elementwise(_stable_sigmoid, "sigmoid")
sigmoid_prime = _elementwise(_derivative_from(lambda s: s * (1.0 - s))(_stable_sigmoid),
                             "sigmoid_prime")
tanh = _elementwise(np.tanh, "tanh")
tanh_prime = _elementwise(_derivative_from(lambda t: 1.0 - t * t)(np.tanh), "tanh_prime")
relu = functools.partial(np.maximum, 0.0)
relu_prime = _elementwise(lambda x: np.greater(x, 0).astype(float), "relu_prime")


def _make_leaky(default_alpha):
    def leaky_relu(z, alpha=default_alpha):
        z = np.asarray(z, dtype=float)
        return np.where(z > 0, z, alpha * z)

    def leaky_relu_prime(z, alpha=default_alpha):
        z = np.asarray(z, dtype=float)
        return np.where(z > 0, 1.0, alpha)

    return leaky_relu, leaky_relu_prime


leaky_relu, leaky_relu_prime = _make_leaky(0.01)

_erf = np.vectorize(math.erf, otypes=[float])
_Phi = lambda x: 0.5 * (1.0 + _erf(x / math.sqrt(2.0)))
_phi = lambda x: np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
gelu = _elementwise(lambda x: x * _Phi(x), "gelu")
gelu_prime = _elementwise(lambda x: _Phi(x) + x * _phi(x), "gelu_prime")


def _make_chooser(table):
    def output_activation(task):
        return table[task.lower()]
    return output_activation


output_activation = _make_chooser({"binary_classification": "sigmoid",
                                   "regression": "linear", "hidden": "relu"})

if __name__ == "__main__":
    print(relu(np.array([-1.0, 2.0])), sigmoid_prime(0.0))
