"""The hidden checks run inside the grader's process: nothing already imported there may stand in for them."""
from __future__ import annotations

import sys
import types
from pathlib import Path

from conftest import ROOT
from grader import assignment
from grader.discover import Submission
from grader.pipeline import grade


def test_a_module_named_like_a_hidden_check_does_not_replace_it(monkeypatch):
    impostor = types.ModuleType("test_neural_network")
    impostor.__file__ = str(ROOT / "tests" / "test_neural_network.py")
    monkeypatch.setitem(sys.modules, "test_neural_network", impostor)
    monkeypatch.setitem(sys.modules, "hidden", types.ModuleType("hidden"))
    a = assignment.load(ROOT / "assignments" / "neural_network")
    r = grade(a, Submission("ref", ROOT / "solutions" / "neural_network" / "neural_network.py"))
    assert r.score == r.max_score and len(r.checks) == len(a.checks)


def test_printed_output_is_capped_and_says_how_much_was_dropped():
    from grader.proxy import StudentModule

    m = StudentModule("", "x.py")
    for chunk in ("a" * 10, "b" * 10, "c" * 3):
        m._keep_output(chunk, cap=15)
    assert m.output == "a" * 10 + "b" * 5 + "\n[... 8 more characters of output not kept]"


def test_many_attributes_travel_in_one_request_and_a_missing_one_is_the_students_error():
    import pytest

    from grader.proxy import StudentModule
    from grader.sandbox import StudentError

    m = StudentModule("class C:\n    pass\n", "c.py", required=("C",))
    m.load()
    try:
        obj = m.new("C")
        obj.set_many({"a": 1.0, "b": [2, 3]})
        assert obj.get_many(["a", "b"]) == {"a": 1.0, "b": [2, 3]}
        with pytest.raises(StudentError) as info:
            obj.get_many(["a", "nope"])
        assert info.value.type_name == "AttributeError" and "nope" in info.value.message
    finally:
        m.close()
