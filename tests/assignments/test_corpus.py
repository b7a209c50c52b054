"""The checks are themselves tested: reference full marks, stub zero, each mutant fails exactly its checks.

The corpora are files on disk (solutions/<assignment>/correct/, mutants/ and mutants.toml), so adding
a realistic wrong answer is adding a file and a table, never editing this test.
"""
from __future__ import annotations

import pytest

from helpers import ASSIGNMENTS, CORRECT, MUTANTS, ROOT, correct_variants, load_mutants, solutions


def failed(result) -> set[str]:
    return {c.id for c in result.checks if c.status == "failed"}


def explain(result) -> str:
    return "\n".join(f"  {c.id}: {c.status} {c.fault or ''} {c.message.en[:400]}" for c in result.checks)


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_reference_gets_full_marks(name, assignments, corpus_results):
    r = corpus_results[str(solutions(name) / assignments[name].entry)]
    assert r.gradable, r.problem
    assert r.score == r.max_score == assignments[name].max_score, explain(r)


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_stub_gets_zero(name, assignments, corpus_results):
    r = corpus_results[str(ROOT / "assignments" / name / assignments[name].entry)]
    assert r.gradable, "the stub must load: students start from it"
    assert r.score == 0, explain(r)
    assert all(c.fault == "error" and "NotImplementedError" in c.message.en for c in r.checks), explain(r)


@pytest.mark.parametrize("name,path", CORRECT, ids=[f"{a}/{p.name}" for a, p in CORRECT])
def test_correct_variant_gets_full_marks(name, path, corpus_results):
    r = corpus_results[str(path)]
    assert r.gradable, r.problem
    assert r.score == r.max_score, explain(r)


@pytest.mark.parametrize("m", MUTANTS, ids=[f"{m.assignment}/{m.stem}" for m in MUTANTS])
def test_mutant_fails_exactly_its_checks(m, corpus_results):
    r = corpus_results[str(m.path)]
    all_ids = {c.id for c in r.checks}
    if m.not_gradable:
        assert not r.gradable and r.problem is not None, explain(r)
        assert failed(r) == all_ids
        return
    assert r.gradable, r.problem
    expected = all_ids if m.fails == "all" else set(m.fails)
    assert expected <= all_ids, f"mutants.toml names unknown checks: {expected - all_ids}"
    assert failed(r) == expected, f"{m.mistake}\n{explain(r)}"
    assert not any(c.fault == "grader" for c in r.checks), explain(r)
    if m.diagnosis:  # the feedback names the mistake, in every failed check that can tell
        named = {comp.get("diagnosis", {}).get("code") for c in r.checks if c.status == "failed"
                 for comp in c.details.get("comparisons", [])}
        assert m.diagnosis in named, f"{m.mistake}: diagnoses named {named - {None}}\n{explain(r)}"
    if m.says:  # a hint said in the feedback's words (an exception's, say)
        assert any(m.says in c.full_message.en for c in r.checks if c.status == "failed"), f"{m.mistake}\n{explain(r)}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_check_is_failed_by_some_mutant(name, assignments):
    """A check no mutant fails has never shown that it can fail."""
    failing = set()
    for m in load_mutants(name):
        if not m.not_gradable:
            failing |= set(c.id for c in assignments[name].checks) if m.fails == "all" else set(m.fails)
    never = [c.id for c in assignments[name].checks if c.id not in failing]
    assert not never, f"no mutant fails {never}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_corpus_files_and_table_agree(name):
    listed = {m.path.name for m in load_mutants(name)}
    on_disk = {p.name for p in (solutions(name) / "mutants").iterdir() if p.suffix in (".py", ".ipynb")}
    assert listed == on_disk, f"only in mutants.toml: {listed - on_disk}; only on disk: {on_disk - listed}"
    assert len(correct_variants(name)) >= 8
    assert len(listed) >= 12
