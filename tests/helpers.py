"""What the tests share besides fixtures: the repository's assignments, their corpora, and the mutants'
expectations (``solutions/NAME/mutants.toml``)."""
from __future__ import annotations

import os
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NoReturn

import pytest

from grader import assignment as assignment_mod
from grader.assignment import Assignment

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
ASSIGNMENTS = sorted(p.name for p in (ROOT / "assignments").iterdir() if (p / "assignment.toml").is_file())
NN = ROOT / "assignments" / "neural_network"


@dataclass(frozen=True)
class Mutant:
    assignment: str
    stem: str
    path: Path
    mistake: str
    fails: tuple[str, ...] | str  # "all" for a file that must not be gradable
    not_gradable: bool
    diagnosis: str = ""  # the code of the likely mistake the feedback must name, where one is known
    says: str = ""       # words a failed check's feedback must hold (for hints that are not comparisons')


def load(name: str) -> Assignment:
    return assignment_mod.load(ROOT / "assignments" / name)


def solutions(name: str) -> Path:
    return ROOT / "solutions" / name


def load_mutants(name: str) -> list[Mutant]:
    path = solutions(name) / "mutants.toml"
    if not path.is_file():
        return []
    table = tomllib.loads(path.read_text("utf-8"))
    out = []
    for stem, entry in table.items():
        fails = entry["fails"]
        out.append(Mutant(name, stem, solutions(name) / "mutants" / entry.get("file", f"{stem}.py"),
                          entry.get("mistake", ""), fails if isinstance(fails, str) else tuple(fails),
                          bool(entry.get("not_gradable", False)), entry.get("diagnosis", ""), entry.get("says", "")))
    return out


def correct_variants(name: str) -> list[Path]:
    folder = solutions(name) / "correct"
    return sorted(p for p in folder.iterdir() if p.suffix in (".py", ".ipynb")) if folder.is_dir() else []


MUTANTS = [m for a in ASSIGNMENTS for m in load_mutants(a)]
CORRECT = [(a, p) for a in ASSIGNMENTS for p in correct_variants(a)]


def wait_for(condition: Callable[[], bool], seconds: float, every: float = 0.02) -> bool:
    """Polls ``condition`` until it holds or ``seconds`` pass (never a fixed sleep: a busy machine only
    makes a test slower, never wrong); returns whether it held."""
    deadline = time.monotonic() + seconds
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(every)


# In CI (.ci/run sets CI=1) everything a test needs is installed: a missing browser, font or interpreter
# there is a failure, not a skip.  On a TA's laptop such a test skips, saying what is missing.
CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(reason: str) -> NoReturn:
    """Skips the test on a TA's laptop; fails it in CI, where everything it needs must be installed."""
    if CI:
        pytest.fail(f"{reason}. The environment variable CI is set, so this fails instead of skipping "
                    "(.ci/run installs it).", pytrace=False)
    pytest.skip(reason)
