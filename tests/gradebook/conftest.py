"""A small class graded into a temporary gradebook, shared by the gradebook's tests."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.fixture
def klass(tmp_path) -> Path:
    subs = tmp_path / "subs"
    subs.mkdir()
    for student, source in CLASS.items():
        shutil.copy(source, subs / f"{student}.py")
    return subs


@pytest.fixture
def assignment(tmp_path) -> Path:
    folder = tmp_path / "neural_network"
    shutil.copytree(NN, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder
