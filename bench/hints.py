"""``make bench-hints``: do the likely-mistake hints name the real mistakes of code written outside the project?

Grades the held-out corpus ``tests/data/heldout/neural_network/`` (files written independently of the grader,
with ``manifest.toml`` saying in words what is wrong in each) and compares the hints with ``labels.toml``
(the same mistakes in the grader's vocabulary).  For every wrong file with a known mistake:

- right: the feedback names at least one of its mistakes and nothing it does not have;
- missing: it names none of them (and nothing wrong);
- wrong: it names a mistake the file does not have.

Prints a line per file and the totals; exits 1 when a hint is wrong or fewer than ``--target`` of the files
get a right one.  Correct files must get full marks (a line each when they do not).

    .venv/bin/python bench/hints.py [--target 0.8] [--corpus tests/data/heldout/neural_network]
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import assignment as assignment_mod  # noqa: E402
from grader.discover import Submission  # noqa: E402
from grader.pipeline import grade  # noqa: E402


def _grade(path: str):
    a = assignment_mod.load(ROOT / "assignments" / "neural_network")
    return path, grade(a, Submission(Path(path).stem, Path(path)))


def named(result) -> set[str]:
    """Every known mistake the feedback names: the parts of each comparison's diagnosis code."""
    out = set()
    for c in result.checks:
        if c.status != "failed":
            continue
        for comp in c.details.get("comparisons", []):
            code = (comp.get("diagnosis") or {}).get("code") if isinstance(comp, dict) else None
            if code:
                out.update(code.split("+"))
    return out


def judge(result, label: dict) -> tuple[str, str]:
    codes, by, says = set(label.get("codes", [])), set(label.get("named_by", [])), label.get("says", "")
    failed = {c.id for c in result.checks if c.status == "failed"}
    said = "\n".join(c.full_message.en for c in result.checks if c.status == "failed")
    hinted = named(result)
    right = (hinted & codes) | {f"{c} (its message)" for c in by & failed} | ({f"says {says!r}"} if says and says in said else set())
    wrong = hinted - codes
    verdict = "wrong" if wrong else "right" if right else "missing"
    return verdict, f"named {sorted(right)}" + (f", wrongly {sorted(wrong)}" if wrong else "")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "heldout" / "neural_network")
    p.add_argument("--target", type=float, default=0.8, help="share of wrong files with a known mistake that must get a right hint")
    args = p.parse_args(argv)
    manifest = tomllib.loads((args.corpus / "manifest.toml").read_text("utf-8"))
    labels = tomllib.loads((args.corpus / "labels.toml").read_text("utf-8"))
    files = sorted(str(args.corpus / f"{stem}.py") for stem in manifest)
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = dict(pool.map(_grade, files))
    counts = {"right": 0, "missing": 0, "wrong": 0}
    problems = 0
    for path in files:
        stem, r = Path(path).stem, results[path]
        if manifest[stem].get("correct"):
            if r.score != r.max_score:
                problems += 1
                print(f"  correct file below full marks: {stem} {r.score:g}/{r.max_score:g} "
                      f"{[c.id for c in r.checks if c.status != 'passed']}")
            continue
        label = labels.get(stem, {})
        if not (label.get("codes") or label.get("named_by") or label.get("says")):
            print(f"  {stem:32} no known mistake (not counted); named {sorted(named(r))}")
            if named(r):
                counts["wrong"] += 1
            continue
        verdict, how = judge(r, label)
        counts[verdict] += 1
        print(f"  {stem:32} {verdict:8} {how}")
    known = sum(counts.values())
    share = counts["right"] / known if known else 0.0
    print(f"\nhints on {known} held-out files with a known mistake: {counts['right']} right ({share:.0%}), "
          f"{counts['missing']} missing, {counts['wrong']} wrong; {problems} correct files below full marks")
    return 0 if counts["wrong"] == 0 and share >= args.target and problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
