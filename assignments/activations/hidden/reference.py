"""The grader's own arithmetic for the activations checks, and the answers of the known mistakes.

Trusted code: it runs in the grader, never in a sandbox, and students never see it.  Every function
takes a number or an array and returns a float array of the same shape (0-d for a number).
"""
from __future__ import annotations

import math

import numpy as np

ALPHA = 0.01                       # leaky_relu's default slope for z <= 0
GELU_C = math.sqrt(2 / math.pi)    # the tanh approximation of GELU: 0.5 z (1 + tanh(C (z + K z^3)))
GELU_K = 0.044715
H = 1e-5                           # step of the central finite differences

_erf = np.vectorize(math.erf, otypes=[float])


def _f(z) -> np.ndarray:
    return np.asarray(z, dtype=float)


def sigmoid(z):
    """1 / (1 + e^-z), computed without overflow: e^-|z| never exceeds 1."""
    z = _f(z)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z):
    return np.tanh(_f(z))


def tanh_prime(z):
    return 1 - np.tanh(_f(z)) ** 2


def relu(z):
    return np.maximum(_f(z), 0.0)


def relu_prime(z):
    """1 for z > 0, 0 for z <= 0 (the spec's choice at the kink)."""
    return (_f(z) > 0).astype(float)


def leaky_relu(z, alpha=ALPHA):
    z = _f(z)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=ALPHA):
    """1 for z > 0, alpha for z <= 0 (the spec's choice at the kink)."""
    return np.where(_f(z) > 0, 1.0, float(alpha))


def std_normal_cdf(z):
    return 0.5 * (1 + _erf(_f(z) / math.sqrt(2)))


def std_normal_pdf(z):
    z = _f(z)
    return np.exp(-z * z / 2) / math.sqrt(2 * math.pi)


def gelu(z):
    """The exact form, z * Phi(z) = 0.5 z (1 + erf(z / sqrt(2)))."""
    z = _f(z)
    return z * std_normal_cdf(z)


def gelu_prime(z):
    """Product rule: Phi(z) + z * phi(z)."""
    z = _f(z)
    return std_normal_cdf(z) + z * std_normal_pdf(z)


def gelu_tanh(z):
    z = _f(z)
    return 0.5 * z * (1 + np.tanh(GELU_C * (z + GELU_K * z ** 3)))


def gelu_tanh_prime(z):
    z = _f(z)
    t = np.tanh(GELU_C * (z + GELU_K * z ** 3))
    return 0.5 * (1 + t) + 0.5 * z * (1 - t ** 2) * GELU_C * (1 + 3 * GELU_K * z ** 2)


FUNCTIONS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu, "gelu": gelu}
PRIMES = {"sigmoid": sigmoid_prime, "tanh": tanh_prime, "relu": relu_prime, "leaky_relu": leaky_relu_prime,
          "gelu": gelu_prime}


def finite_difference(f, z, *args, h: float = H):
    """(f(z + h) - f(z - h)) / 2h: the slope, measured without any derivative formula."""
    z = _f(z)
    return (f(z + h, *args) - f(z - h, *args)) / (2 * h)


# -- output_activation --------------------------------------------------------------------------
OUTPUT = {"binary_classification": "sigmoid", "regression": "linear", "hidden": "relu"}
SYNONYMS = {"linear": {"linear", "identity"}, "sigmoid": {"sigmoid"}, "relu": {"relu"}}


def normalise(name: str) -> str:
    """What a returned name means: case, spaces, hyphens and underscores do not matter."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def accepted(task: str, name: str) -> bool:
    return normalise(name) in SYNONYMS[OUTPUT[task]]


# -- the vanishing-gradient demonstration -----------------------------------------------------------
LAYERS = 10
CHAINS = 4


def chain_preactivations(seed: int = 9) -> tuple[np.ndarray, np.ndarray]:
    """Pre-activations z_l of 10 layers (rows) for 4 chains (columns): sigmoid ones, and active ReLU ones."""
    rng = np.random.default_rng(seed)
    z_sigmoid = rng.normal(0, 1.5, (LAYERS, CHAINS))
    z_relu = rng.uniform(0.2, 3.0, (LAYERS, CHAINS))
    return z_sigmoid, z_relu
