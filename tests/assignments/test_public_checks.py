"""The public checks tell students before the deadline what grading will tell them after it.

Every file of the corpus (reference, stub, correct variants, mutants) is checked as ``make check`` does
(the public checks, the code in the sandbox) and compared, check by check, with its graded record.  The
public checks run on inputs of their own, so their numbers differ from the report's (the sentences are
the same: tests/handout compares them word for word where the inputs lead to the same ones):

- each public check passes or fails as the graded check of its id;
- a likely mistake it names is the one the report names; where the public file names mistakes at all
  (``NAMES_MISTAKES``) it names every one the report does, but three made at once (which the public
  data leaves out: there it names none rather than a wrong one);
- a check the public file judges only after others (``JUDGED_AFTER``: training, after the update)
  may end otherwise when those failed, and then one of them has failed in the public checks too.
"""
from __future__ import annotations

import functools
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from grader import handout
from grader.feedback.selfcheck import load_checks
from grader.checks import public, sibling
from helpers import ASSIGNMENTS, CORRECT, MUTANTS, ROOT, load, solutions

LIKELY = "\nLikely mistake: "
WITH_PUBLIC = [a for a in ASSIGNMENTS if (ROOT / "assignments" / a / "public" / "checks.py").is_file()]
FILES = ([(a, solutions(a) / load(a).entry) for a in WITH_PUBLIC]
         + [(a, ROOT / "assignments" / a / load(a).entry) for a in WITH_PUBLIC]
         + [(a, p) for a, p in CORRECT if a in WITH_PUBLIC]
         + [(m.assignment, m.path) for m in MUTANTS if m.assignment in WITH_PUBLIC])


def public_module(name: str):
    return public(str(ROOT / "assignments" / name / "hidden" / "x.py"))


@functools.lru_cache(maxsize=None)
def make_check(name: str, path: Path) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        handout.check(ROOT / "assignments" / name, [str(path), "--json"])
    return json.loads(out.getvalue())


def likely(message: str) -> list[str]:
    return message.split(LIKELY)[1:]


@pytest.mark.parametrize("name,path", FILES, ids=[f"{a}/{p.parent.name}/{p.name}" for a, p in FILES])
def test_the_public_checks_tell_what_grading_will(name, path, corpus_results):
    graded = corpus_results[str(path)]
    verdict = make_check(name, path)
    if not graded.gradable:
        assert verdict["problem"] is not None and verdict["checks"] == []
        return
    P = public_module(name)
    names_mistakes, after = getattr(P, "NAMES_MISTAKES", False), getattr(P, "JUDGED_AFTER", {})
    by_id = {c.id: c for c in graded.checks}
    public_failed = {c["id"] for c in verdict["checks"] if not c["passed"]}
    for c in verdict["checks"]:
        g = by_id[c["id"]]
        said, graded_said = c["message"]["en"], g.full_message.en
        if c["id"] in after and any(by_id[d].status != "passed" for d in after[c["id"]]):
            assert public_failed & set(after[c["id"]]), (c["id"], "judged after", after[c["id"]])
            continue
        assert c["passed"] == (g.status == "passed"), (c["id"], said, graded_said)
        if c["passed"]:
            continue
        ours, theirs = likely(said), likely(graded_said)
        three = len(theirs) > 0 and all(t.startswith("Three mistakes at once") for t in theirs)
        assert ours == theirs or ours == [] and (three or not names_mistakes), (c["id"], ours, theirs)


@pytest.mark.parametrize("name", ["neural_network"])
def test_every_concept_has_a_public_check(name):
    """Every concept of the assignment has at least one public check (the graded ones decide the grade).

    The activations assignment previews only its three value checks so far."""
    a = load(name)
    ids = {fn.check_id for fn in load_checks(ROOT / "assignments" / name / "public" / "checks.py")}
    concepts = {c.id.split(".")[0] for c in a.checks}
    assert concepts <= {i.split(".")[0] for i in ids}, concepts - {i.split(".")[0] for i in ids}


NAMED = [m for m in MUTANTS if m.assignment in WITH_PUBLIC and m.diagnosis
         and getattr(public_module(m.assignment), "NAMES_MISTAKES", False)]


@pytest.mark.parametrize("m", NAMED, ids=[f"{m.assignment}/{m.stem}" for m in NAMED])
def test_each_known_mistake_is_named_before_the_deadline(m):
    """A file with a known mistake (forgetting / m, m = len(X), the sigmoid applied twice in update, no
    sigmoid on the output layer, ...) fails a public check whose feedback names that mistake."""
    verdict = make_check(m.assignment, m.path)
    words = public_module(m.assignment).mistake_words(m.diagnosis)
    said = [c["message"][lang] for c in verdict["checks"] if not c["passed"] for lang in ("en", "ko")]
    assert any(LIKELY + words.en in s for s in said), (m.diagnosis, said)
    assert any("\n추정되는 실수: " + words.ko in s for s in said), (m.diagnosis, said)


GENERATED = [a for a in WITH_PUBLIC if (ROOT / "assignments" / a / "hidden" / "public_data.py").is_file()]


def _same_numbers(a, b, where="") -> list[str]:
    """Where two JSON values differ, numbers compared to 1e-9 (the last bits of numpy's arithmetic may vary
    between machines)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return [f"{where}: keys {list(a)[:5]}... != {list(b)[:5]}..."]
        return [d for k in a for d in _same_numbers(a[k], b[k], f"{where}/{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _same_numbers(x, y, f"{where}[{i}]")]
    if isinstance(a, float) and isinstance(b, float):
        return [] if abs(a - b) <= 1e-9 * max(1.0, abs(b)) else [f"{where}: {a} != {b}"]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


@pytest.mark.parametrize("name", GENERATED)
def test_the_public_data_is_what_the_hidden_reference_gives(name):
    """public/expected.json is hidden/public_data.py's output (make public-data), not edited by hand."""
    gen = sibling(str(ROOT / "assignments" / name / "hidden" / "x.py"), "public_data")
    committed = json.loads(gen.OUT.read_text("utf-8"))
    differences = _same_numbers(committed, json.loads(gen.dumps(gen.build())))
    assert not differences, f"run make public-data ASSIGNMENT={name}: " + "; ".join(differences[:5])


@pytest.mark.parametrize("name", WITH_PUBLIC)
def test_the_readme_check_table_says_each_checks_points_and_whether_it_is_public(name):
    """The students' README (both languages) has a row per graded check with its points and, in the last
    column, whether the handout's check.py runs it: what the config and public/checks.py say."""
    a = load(name)
    public_ids = {fn.check_id for fn in load_checks(ROOT / "assignments" / name / "public" / "checks.py")}
    text = (ROOT / "assignments" / name / "README.md").read_text("utf-8")
    for public_word, hidden_word in (("공개", "비공개"), ("public", "hidden")):
        rows = {}
        for line in text.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 4 and cells[0].startswith("`") and cells[-1] in (public_word, hidden_word):
                rows[cells[0].strip("`")] = (float(cells[-2]), cells[-1] == public_word)
        assert rows == {c.id: (c.points, c.id in public_ids) for c in a.checks}, public_word
