"""What the gradebook's tests share: a small class, a copy of the assignment to change (fixtures, imported by
the tests that use them: a conftest.py here would shadow tests/conftest.py, which the corpus pool pickles by
module name), and the grader's command line."""
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


@pytest.fixture(name="klass")
def klass_fixture(tmp_path) -> Path:
    subs = tmp_path / "subs"
    subs.mkdir()
    for student, source in CLASS.items():
        shutil.copy(source, subs / f"{student}.py")
    return subs


@pytest.fixture(name="assignment")
def assignment_fixture(tmp_path) -> Path:
    folder = tmp_path / "neural_network"
    shutil.copytree(NN, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder
