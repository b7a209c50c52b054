"""The benchmark's yardstick: the checks run in-process must do the work the grader does.

``bench/inprocess.py`` times the hidden checks without a sandbox; the overhead the benchmark reports is
measured against it.  A stand-in that skipped a check (say, a training run failing at once) would make
the grader look slower than it is; one that hung on an endless loop would stop the benchmark.
"""
from __future__ import annotations

import sys

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import inprocess  # noqa: E402

ENDLESS_UPDATE = "\n    def update(self, lr, y, X):\n        while True:\n            pass\n"


@pytest.fixture(scope="module")
def nn(assignments):
    return assignments["neural_network"]


def test_in_process_the_reference_passes_every_check(nn):
    row = inprocess.time_file(nn, ROOT / "solutions" / "neural_network" / "neural_network.py", 1)
    assert row["loaded"] and row["checks"] == len(nn.checks) and row["passed"] == row["checks"]


def test_in_process_an_endless_loop_times_out_instead_of_hanging(nn, tmp_path):
    source = (ROOT / "solutions" / "neural_network" / "neural_network.py").read_text("utf-8")
    head = source[: source.index("    def update(")]
    path = tmp_path / "endless.py"
    path.write_text(head + ENDLESS_UPDATE, "utf-8")
    row = inprocess.time_file(nn, path, 1)
    assert row["timeouts"] >= 1 and row["passed"] < row["checks"]
