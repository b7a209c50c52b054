"""The grader's own arithmetic for the neural_network checks, and the known mistakes.

Trusted code: it runs in the grader, never in a sandbox, and students never see it.  ``step`` takes
a ``mistake`` name so a check can ask "what would this student's answer be if they had made mistake
X?" and name the mistake when the answer matches.
"""
from __future__ import annotations

import hashlib
import itertools

import numpy as np

LAYERS = ("1", "2", "3")
WEIGHTS = ("w1", "b1", "w2", "b2", "w3", "b3")
STORED = ("z1", "a1", "z2", "a2", "z3", "a3")


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


SIGMOID_MISTAKES = ("sign", "tanh", "derivative", "plus_exp")


def sigmoid_mistake(name: str, z) -> np.ndarray:
    """What a sigmoid with the named mistake gives for ``z``."""
    z = np.asarray(z, dtype=float)
    with np.errstate(all="ignore"):
        if name == "sign":
            return 1 / (1 + np.exp(np.clip(z, -700, 700)))
        if name == "tanh":
            return np.tanh(z)
        if name == "derivative":
            return sigmoid(z) * (1 - sigmoid(z))
        if name == "plus_exp":
            return 1 / (1 - np.exp(-np.clip(z, -700, 700)))
    raise ValueError(f"unknown sigmoid mistake {name!r}")


def shapes(cf) -> dict[str, tuple[int, int]]:
    return {"w1": (cf[1], cf[0]), "b1": (cf[1], 1), "w2": (cf[2], cf[1]), "b2": (cf[2], 1),
            "w3": (cf[3], cf[2]), "b3": (cf[3], 1)}


def stored_shapes(cf, m: int) -> dict[str, tuple[int, int]]:
    return {"z1": (cf[1], m), "a1": (cf[1], m), "z2": (cf[2], m), "a2": (cf[2], m),
            "z3": (cf[3], m), "a3": (cf[3], m)}


def random_params(cf, rng: np.random.Generator, bias_scale: float = 0.5) -> dict[str, np.ndarray]:
    p = {}
    for name, shape in shapes(cf).items():
        p[name] = rng.normal(0, 1, shape) if name[0] == "w" else rng.normal(0, bias_scale, shape)
    return p


FORWARD_MISTAKES = ("no_output_sigmoid", "relu_hidden", "tanh_hidden", "no_bias", "sign_sigmoid",
                    "no_bias_1", "no_bias_2", "no_bias_3")


# Forward mistakes that cannot be made together (each group is one choice of the same thing).
# no_bias leaves out every bias already; one layer's bias and another's can both be left out.
FORWARD_EXCLUSIVE = (frozenset({"relu_hidden", "tanh_hidden"}), frozenset({"no_bias", "no_bias_1"}),
                     frozenset({"no_bias", "no_bias_2"}), frozenset({"no_bias", "no_bias_3"}))


def forward_compatible(names) -> bool:
    """Whether these forward mistakes can be made in one forward."""
    ms = _names(names)
    return all(len(ms & group) <= 1 for group in FORWARD_EXCLUSIVE)


def combinations(names, compatible, size: int) -> list[tuple[str, ...]]:
    """The mistakes ``size`` at a time that can be made together, in a fixed order (the first match is named)."""
    return [c for c in itertools.combinations(names, size) if compatible(c)]


def _names(mistake) -> frozenset[str]:
    """A mistake, or several made at once: None, a name, or names."""
    if mistake is None:
        return frozenset()
    return frozenset([mistake]) if isinstance(mistake, str) else frozenset(mistake)


def forward(p: dict[str, np.ndarray], X: np.ndarray, mistake=None) -> dict[str, np.ndarray]:
    """z1..a3 for input X (one sample per column); with ``mistake`` (a name or several), what that forward gives."""
    ms = _names(mistake)
    act = sigmoid
    if "sign_sigmoid" in ms:
        def act(z):
            return 1.0 / (1.0 + np.exp(np.clip(z, -700, 700)))
    hidden = act
    if "relu_hidden" in ms:
        def hidden(z):
            return np.maximum(z, 0)
    elif "tanh_hidden" in ms:
        hidden = np.tanh
    out, a = {}, X
    for i in LAYERS:
        b = 0 if "no_bias" in ms or f"no_bias_{i}" in ms else p["b" + i]
        z = p["w" + i] @ a + b
        a = (act if i == "3" else hidden)(z)
        if i == "3" and "no_output_sigmoid" in ms:
            a = z
        out["z" + i], out["a" + i] = z, a
    return out


def loss(p: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy over the m samples (summed over output units)."""
    a3 = forward(p, X)["a3"]
    eps = 1e-12
    return float(-np.sum(y * np.log(a3 + eps) + (1 - y) * np.log(1 - a3 + eps)) / X.shape[1])


def numeric_gradient(p: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, h: float = 1e-6):
    """Central differences of ``loss``: independent of the backpropagation formulas."""
    grads = {}
    for name in WEIGHTS:
        g = np.zeros_like(p[name])
        for idx in np.ndindex(p[name].shape):
            plus = {k: v.copy() for k, v in p.items()}
            minus = {k: v.copy() for k, v in p.items()}
            plus[name][idx] += h
            minus[name][idx] -= h
            g[idx] = (loss(plus, X, y) - loss(minus, X, y)) / (2 * h)
        grads[name] = g
    return grads


STEP_MISTAKES = ("no_mean", "no_mean_db", "no_mean_dw", "mse_delta", "double_derivative", "updated_first",
                 "ascent", "no_bias_update", "no_lr", "lr_squared", "no_hidden_derivative",
                 "z_derivative", "db_sum_all", "only_output_layer", "m_from_rows", "no_update", "db_no_keepdims",
                 "error_derivative", "mean_twice")
# Mistakes that cannot be made together (each group is one choice of the same thing).
STEP_EXCLUSIVE = (frozenset({"no_lr", "lr_squared"}),
                  frozenset({"no_mean", "no_mean_db", "no_mean_dw", "m_from_rows", "mean_twice"}),
                  frozenset({"double_derivative", "z_derivative", "no_hidden_derivative", "error_derivative"}),
                  frozenset({"only_output_layer", "updated_first"}), frozenset({"db_sum_all", "db_no_keepdims"}),
                  frozenset({"no_bias_update", "db_sum_all", "db_no_keepdims", "no_mean_db"}))


def compatible(names) -> bool:
    """Whether these mistakes can be made in one update (no_update leaves nothing for another to change)."""
    ms = _names(names)
    if "no_update" in ms and len(ms) > 1:
        return False
    return all(len(ms & group) <= 1 for group in STEP_EXCLUSIVE)


def step(p: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, lr: float, mistake=None) -> dict[str, np.ndarray]:
    """The parameters after one gradient-descent step (or after the step a mistake, or several, make)."""
    ms = _names(mistake)
    if not compatible(ms):
        raise ValueError(f"mistakes that cannot be made together: {sorted(ms)}")
    m = X.shape[1]
    q = {k: v.astype(float).copy() for k, v in p.items()}
    if "no_update" in ms:  # every gradient computed, none applied
        return q
    f = forward(p, X)
    acts = {"0": X, "1": f["a1"], "2": f["a2"], "3": f["a3"]}
    a3 = f["a3"]
    rate = 1.0 if "no_lr" in ms else lr * lr if "lr_squared" in ms else lr
    sign = 1.0 if "ascent" in ms else -1.0
    mw = 1.0 if ms & {"no_mean", "no_mean_dw"} else m
    mb = 1.0 if ms & {"no_mean", "no_mean_db"} else m
    if "m_from_rows" in ms:  # len(X) or X.shape[0]: the number of inputs, not of samples
        mw = mb = X.shape[0]
    if "mean_twice" in ms:  # / m in the output delta and again in every gradient
        mw = mb = m * m

    def hidden_delta(error, i):
        if "error_derivative" in ms:  # the derivative taken of the propagated error, not of the activation
            return error * error * (1 - error)
        return error * deriv(i)

    def deriv(i):
        a = acts[i]
        if "double_derivative" in ms:
            s = sigmoid(a)
            return s * (1 - s)
        if "z_derivative" in ms:
            z = f["z" + i]
            return z * (1 - z)
        if "no_hidden_derivative" in ms:
            return np.ones_like(a)
        return a * (1 - a)

    d3 = a3 - y
    if "mse_delta" in ms:
        d3 = (a3 - y) * a3 * (1 - a3)
    deltas = {"3": d3}

    def apply(i):
        d = deltas[i]
        dw = d @ acts[str(int(i) - 1)].T / mw
        db = (np.sum(d) if "db_sum_all" in ms else d.sum(axis=1) if "db_no_keepdims" in ms
              else d.sum(axis=1, keepdims=True)) / mb
        q["w" + i] = q["w" + i] + sign * rate * dw
        if "no_bias_update" not in ms:
            q["b" + i] = q["b" + i] + sign * rate * db

    first = "updated_first" in ms
    w = q if first else p  # updated_first: later deltas see the new weights
    if first:
        apply("3")
    deltas["2"] = hidden_delta(w["w3"].T @ deltas["3"], "2")
    if first:
        apply("2")
    deltas["1"] = hidden_delta(w["w2"].T @ deltas["2"], "1")
    if first:
        apply("1")
    else:
        for i in ("3",) if "only_output_layer" in ms else ("3", "2", "1"):
            apply(i)
    return q


def train(p: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, lr: float, epochs: int,
          every: int) -> tuple[dict[str, np.ndarray], list[float]]:
    """Reference training from the same starting weights: the curve the report draws beside the student's."""
    curve = []
    for i in range(epochs):
        if i % every == 0:
            curve.append(loss(p, X, y))
        p = step(p, X, y, lr)
    return p, curve


_CURVES: dict[bytes, tuple[dict[str, np.ndarray], int, list[float]]] = {}
MAX_CURVES = 256


def reference_curve(p: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, lr: float, epochs: int,
                    every: int) -> list[float]:
    """``train``'s curve, remembered per starting point and extended on demand.

    Students who initialise alike (the lecture's ``np.random.rand`` after the grader's seed) start from
    the same weights: a grading worker then computes the reference run once for all of them, and only
    the epochs a later student needed beyond the earlier ones.
    """
    start = {k: np.asarray(p[k], dtype=float) for k in WEIGHTS}
    digest = hashlib.sha256(repr((float(lr), int(every), X.shape, y.shape)).encode())
    for part in [start[k] for k in WEIGHTS] + [np.asarray(X, dtype=float), np.asarray(y, dtype=float)]:
        digest.update(repr(part.shape).encode())
        digest.update(np.ascontiguousarray(part).tobytes())
    key = digest.digest()
    q, done, curve = _CURVES.get(key) or (start, 0, [])
    for i in range(done, epochs):
        if i % every == 0:
            curve.append(loss(q, X, y))
        q = step(q, X, y, lr)
    if epochs > done:
        if len(_CURVES) >= MAX_CURVES:
            _CURVES.clear()
        _CURVES[key] = (q, epochs, curve)
    return curve[: -(-epochs // every)]


def accuracy(p: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((forward(p, X)["a3"] >= 0.5) == (y >= 0.5)))


def dataset(seed: int, n_features: int, m: int, rule: str) -> tuple[np.ndarray, np.ndarray]:
    """The fixed training set of the convergence check (the config names its seed and rule)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n_features, m))
    if rule == "sum_sign":
        y = (X[0] + X[1] - X[2] > 0)
    elif rule == "xor_like":
        y = (X[0] * X[1] > 0)
    else:
        raise ValueError(f"unknown data rule {rule!r}")
    return X, y.astype(float).reshape(1, m)
