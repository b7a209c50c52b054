"""Fixtures of the gradebook's tests: a small class and a copy of the assignment to change."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gradebook_helpers import CLASS, NN


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
