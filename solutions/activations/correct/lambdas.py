# Week 9 activations -- every required function is a lambda assigned to the required name.
# (functions' __name__ is "<lambda>"; the names in the module are exactly the spec's.)
import math

import numpy as np

_SQRT2 = math.sqrt(2.0)
_SQRT2PI = math.sqrt(2.0 * math.pi)
_erf = np.vectorize(math.erf, otypes=[float])

# stable: exp(-|z|) <= 1; the two branches are equal to 1/(1+e^-z)
sigmoid = lambda z: (lambda x, e: np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))(
    np.asarray(z, dtype=float), np.exp(-np.abs(np.asarray(z, dtype=float))))
sigmoid_prime = lambda z: sigmoid(z) * (1.0 - sigmoid(z))
tanh = lambda z: np.tanh(np.asarray(z, dtype=float))
tanh_prime = lambda z: 1.0 - tanh(z) ** 2
relu = lambda z: np.maximum(np.asarray(z, dtype=float), 0.0)
relu_prime = lambda z: np.where(np.asarray(z) > 0, 1.0, 0.0)
leaky_relu = lambda z, alpha=0.01: np.where(np.asarray(z) > 0, np.asarray(z, dtype=float),
                                            alpha * np.asarray(z, dtype=float))
leaky_relu_prime = lambda z, alpha=0.01: np.where(np.asarray(z) > 0, 1.0, alpha)
gelu = lambda z: 0.5 * np.asarray(z, dtype=float) * (1.0 + _erf(np.asarray(z, dtype=float) / _SQRT2))
gelu_prime = lambda z: (0.5 * (1.0 + _erf(np.asarray(z, dtype=float) / _SQRT2))
                        + np.asarray(z, dtype=float)
                        * np.exp(-np.asarray(z, dtype=float) ** 2 / 2.0) / _SQRT2PI)
output_activation = lambda task: {"binary_classification": "sigmoid", "regression": "linear",
                                  "hidden": "relu"}[task.lower()]

if __name__ == "__main__":
    print(sigmoid(0.0), leaky_relu(-2.0, 0.1), output_activation("Hidden"))
