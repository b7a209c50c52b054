"""Hints on code written outside the project: bench/hints.py grades the held-out corpus
(tests/data/heldout/neural_network: files written from the specification alone, with what is wrong in each said
in words) and must find no wrong hint, a right one for at least 80 % of the files with a known mistake, and full
marks for every correct file."""
from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_hints_on_the_held_out_corpus_are_right_and_never_wrong():
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "hints.py"), "--target", "0.8"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    assert ", 0 wrong;" in p.stdout.splitlines()[-1] and "0 correct files below full marks" in p.stdout
