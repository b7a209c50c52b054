"""Shared fixtures: the assignments in the repo, and their corpora graded once per test session."""
from __future__ import annotations

import tomllib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader import assignment as assignment_mod
from grader.assignment import Assignment
from grader.discover import Submission
from grader.pipeline import grade
from grader.results import SubmissionResult

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = sorted(p.name for p in (ROOT / "assignments").iterdir() if (p / "assignment.toml").is_file())


@dataclass(frozen=True)
class Mutant:
    assignment: str
    stem: str
    path: Path
    mistake: str
    fails: tuple[str, ...] | str  # "all" for a file that must not be gradable
    not_gradable: bool
    diagnosis: str = ""  # the code of the likely mistake the feedback must name, where one is known


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
                          bool(entry.get("not_gradable", False)), entry.get("diagnosis", "")))
    return out


def correct_variants(name: str) -> list[Path]:
    folder = solutions(name) / "correct"
    return sorted(p for p in folder.iterdir() if p.suffix in (".py", ".ipynb")) if folder.is_dir() else []


MUTANTS = [m for a in ASSIGNMENTS for m in load_mutants(a)]
CORRECT = [(a, p) for a in ASSIGNMENTS for p in correct_variants(a)]


def _grade(args: tuple[str, str]) -> tuple[str, SubmissionResult]:
    name, path = args
    a = assignment_mod.load(ROOT / "assignments" / name)
    return path, grade(a, Submission(Path(path).stem, Path(path)))


@pytest.fixture(scope="session")
def assignments() -> dict[str, Assignment]:
    return {name: assignment_mod.load(ROOT / "assignments" / name) for name in ASSIGNMENTS}


@pytest.fixture(scope="session")
def corpus_results() -> dict[str, SubmissionResult]:
    """Every reference, stub, correct variant and mutant of every assignment, graded once, two at a time."""
    jobs = []
    for name in ASSIGNMENTS:
        a = assignment_mod.load(ROOT / "assignments" / name)
        jobs.append((name, str(solutions(name) / a.entry)))
        jobs.append((name, str(ROOT / "assignments" / name / a.entry)))
    jobs += [(a, str(p)) for a, p in CORRECT]
    jobs += [(m.assignment, str(m.path)) for m in MUTANTS]
    with ProcessPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(_grade, jobs))
