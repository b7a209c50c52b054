"""The grader's own arithmetic for neural_network: the remembered reference curve equals a fresh run."""
from __future__ import annotations

import numpy as np
import pytest

from helpers import ROOT
from grader.checks import sibling

R = sibling(str(ROOT / "assignments" / "neural_network" / "hidden" / "test_neural_network.py"), "reference")


@pytest.mark.parametrize("epochs", [[100], [50, 150, 100, 400], [7, 3, 12]], ids=["once", "extended", "uneven"])
def test_the_remembered_curve_is_the_fresh_one(epochs):
    X, y = R.dataset(7, 4, 100, "sum_sign")
    start = R.random_params([4, 3, 2, 1], np.random.default_rng(len(epochs)))
    R._CURVES.clear()
    for n in epochs:
        fresh = R.train({k: v.copy() for k, v in start.items()}, X, y, 6.0, n, 5)[1]
        assert R.reference_curve(start, X, y, 6.0, n, 5) == fresh


def test_a_different_start_or_rate_is_not_mixed_up():
    X, y = R.dataset(7, 4, 100, "sum_sign")
    a = R.random_params([4, 3, 2, 1], np.random.default_rng(1))
    b = {k: v.copy() for k, v in a.items()}
    b["b3"] = b["b3"] + 1e-9
    R._CURVES.clear()
    curve_a = R.reference_curve(a, X, y, 6.0, 60, 5)
    assert R.reference_curve(b, X, y, 6.0, 60, 5) == R.train(b, X, y, 6.0, 60, 5)[1] != curve_a
    assert R.reference_curve(a, X, y, 0.5, 60, 5) == R.train(a, X, y, 0.5, 60, 5)[1]
    assert len(R._CURVES) == 3
