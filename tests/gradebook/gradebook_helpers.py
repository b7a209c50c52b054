"""What the gradebook's tests share: a small class, and the grader's command line."""
from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

NN = ROOT / "assignments" / "neural_network"
SOLUTIONS = ROOT / "solutions" / "neural_network"
# who passes forward.values: kim (the reference) and choi (its bug is in update); lee and park do not
CLASS = {"kim": SOLUTIONS / "neural_network.py", "choi": SOLUTIONS / "mutants" / "missing_m_all.py",
         "lee": SOLUTIONS / "mutants" / "forward_no_output_sigmoid.py", "park": NN / "neural_network.py"}


def grader(*args: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True, text=True,
                       timeout=300, **kw)
    if check:
        assert p.returncode == 0, p.stdout + p.stderr
    return p
