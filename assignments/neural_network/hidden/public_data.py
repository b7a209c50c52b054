"""Writes ``public/expected.json``: the public checks' own inputs and every answer they compare with.

The public checks ship to students, so they cannot compute a forward pass or a step themselves (that
code would be the solution).  This generator, which stays hidden, computes with ``reference.py`` what
they need instead: the right arrays and, for each known mistake (alone or two at a time), the arrays
that mistake gives, so check.py names the same mistakes as the report.  The inputs differ from the
hidden checks' (other seeds, other batch sizes, another learning rate): passing the public checks is a
preview of the grade, not a copy of it.

    python assignments/neural_network/hidden/public_data.py        # rewrite the file
    make public-data                                                # the same

tests/assignments/test_public_data.py fails when the committed file differs from what this gives.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # the repository, for grader.checks
from grader.checks import public, sibling  # noqa: E402

R = sibling(__file__, "reference")
P = public(__file__)
OUT = HERE.parent / "public" / "expected.json"
CF, CF_WIDE = [4, 3, 2, 1], [3, 4, 3, 2]


def _number(x: float, digits: int):
    """A float with ``digits`` significant digits; inf and nan (which JSON lacks) as strings numpy reads back."""
    return float(f"{x:.{digits}g}") if np.isfinite(x) else str(float(x))


def _numbers(a, digits: int):
    """An array as nested lists of numbers with ``digits`` significant digits (the checks' tolerance is 1e-5)."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return _number(float(a), digits)
    return np.vectorize(lambda x: _number(x, digits), otypes=[object])(a).tolist()


def _arrays(arrays: dict, names, digits: int = 12) -> dict:
    return {n: _numbers(arrays[n], digits) for n in names}


def _inputs(seed: int, cf, m: int):
    rng = np.random.default_rng(seed)
    p = R.random_params(cf, rng)
    X = rng.normal(0, 1, (cf[0], m))
    y = (rng.random((cf[3], m)) > 0.5).astype(float)
    return p, X, y


def forward_data(seed: int = 901, m: int = 4) -> dict:
    p, X, _ = _inputs(seed, CF, m)
    mistakes = {}
    with np.errstate(all="ignore"):
        for names in [(n,) for n in R.FORWARD_MISTAKES] + R.combinations(R.FORWARD_MISTAKES, R.forward_compatible, 2):
            mistakes["+".join(names)] = _arrays(R.forward(p, X, mistake=names), R.STORED, 8)
    return {"cf": CF, "params": _arrays(p, R.WEIGHTS), "X": _numbers(X, 12),
            "expected": _arrays(R.forward(p, X), R.STORED), "mistakes": mistakes}


def step_data(seed: int, cf, m: int, lr: float, pairs: bool) -> dict:
    """One step from known weights: the stored activations update reads, the right result, the gradient by
    finite differences, and what each mistake (and, with ``pairs``, two at a time) leaves."""
    p, X, y = _inputs(seed, cf, m)
    sizes = (1, 2) if pairs else (1,)
    mistakes = {}
    for size in sizes:
        for names in R.combinations(R.STEP_MISTAKES, R.compatible, size):
            mistakes["+".join(names)] = _arrays(R.step(p, X, y, lr, mistake=names), R.WEIGHTS, 8)
    return {"cf": cf, "lr": lr, "params": _arrays(p, R.WEIGHTS), "X": _numbers(X, 12), "y": _numbers(y, 12),
            "stored": _arrays(R.forward(p, X), R.STORED), "expected": _arrays(R.step(p, X, y, lr), R.WEIGHTS),
            "gradient": _arrays(R.numeric_gradient(p, X, y), R.WEIGHTS, 8), "mistakes": mistakes}


def training_data(seed: int = 904, m: int = 80) -> dict:
    X, y = R.dataset(seed, CF[0], m, "sum_sign")
    return {"cf": CF, "X": _numbers(X, 12), "y": _numbers(y, 12), "init_seed": 1, "lr": 6.0, "epochs": 1000,
            "chunk": 100, "threshold": 0.9, "timeout": 30}


def sigmoid_data() -> list:
    """For each input of the public sigmoid table, what each known sigmoid mistake gives."""
    return [{name: _numbers(R.sigmoid_mistake(name, z), 12) for name in R.SIGMOID_MISTAKES} for z, _ in P.SIGMOID]


def build() -> dict:
    return {"about": "Written by hidden/public_data.py from the grader's reference; do not edit by hand.",
            "sigmoid": sigmoid_data(), "forward": forward_data(), "step": step_data(902, CF, 6, 0.3, pairs=True),
            "step_wide": step_data(903, CF_WIDE, 5, 0.3, pairs=False), "training": training_data()}


def dumps(data: dict) -> str:
    return json.dumps(data, separators=(",", ":")) + "\n"


def main() -> int:
    OUT.write_text(dumps(build()), "utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
