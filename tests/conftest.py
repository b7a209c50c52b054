"""Fixtures shared by every folder of tests: the assignments in the repository, and their corpora graded
once per test session.  Plain helpers are in ``helpers.py``."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from grader.assignment import Assignment
from grader.discover import Submission
from grader.pipeline import grade
from grader.results import SubmissionResult
from helpers import ASSIGNMENTS, CORRECT, MUTANTS, ROOT, load, solutions


def _grade(args: tuple[str, str]) -> tuple[str, SubmissionResult]:
    name, path = args
    return path, grade(load(name), Submission(Path(path).stem, Path(path)))


@pytest.fixture(scope="session")
def assignments() -> dict[str, Assignment]:
    return {name: load(name) for name in ASSIGNMENTS}


@pytest.fixture(scope="session")
def corpus_results() -> dict[str, SubmissionResult]:
    """Every reference, stub, correct variant and mutant of every assignment, graded once, two at a time."""
    jobs = []
    for name in ASSIGNMENTS:
        a = load(name)
        jobs.append((name, str(solutions(name) / a.entry)))
        jobs.append((name, str(ROOT / "assignments" / name / a.entry)))
    jobs += [(a, str(p)) for a, p in CORRECT]
    jobs += [(m.assignment, str(m.path)) for m in MUTANTS]
    with ProcessPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(_grade, jobs))
