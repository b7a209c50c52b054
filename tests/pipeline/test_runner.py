"""The hidden checks run inside the grader's process: nothing already imported there may stand in for them."""
from __future__ import annotations

import os
import sys
import types
from pathlib import Path

from helpers import ROOT
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
    from grader.sandbox import StudentModule

    m = StudentModule("", "x.py")
    for chunk in ("a" * 10, "b" * 10, "c" * 3):
        m._keep_output(chunk, cap=15)
    assert m.output == "a" * 10 + "b" * 5 + "\n[... 8 more characters of output not kept]"


def test_many_attributes_travel_in_one_request_and_a_missing_one_is_the_students_error():
    import pytest

    from grader.sandbox import StudentModule
    from grader.feedback.faults import StudentError

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


INPLACE = """
import numpy as np
def scale(z, k=2.0):
    z = np.asarray(z)
    z *= k
    return z
def fresh(z, k=2.0):
    return np.asarray(z) * k
class Net:
    def forward(self, X):
        X -= X.mean()
        return X
"""


def test_a_call_can_say_what_it_left_in_its_arguments():
    """The pipe gives every call its own copy, so a function that changes its input in place cannot be
    seen from the values alone: ``call_keeping_args`` sends back the arguments as the call left them."""
    import numpy as np

    from grader.sandbox import StudentModule

    m = StudentModule(INPLACE, "inplace.py")
    m.load()
    try:
        z = np.array([1.0, -2.0])
        value, after = m.call_keeping_args("scale", z, 3.0)
        assert value.tolist() == [3.0, -6.0] and after[0].tolist() == [3.0, -6.0] and after[1] == 3.0
        assert z.tolist() == [1.0, -2.0]  # the grader's own array never changes
        value, after = m.call_keeping_args("fresh", z)
        assert after[0].tolist() == [1.0, -2.0]
        value, after = m.new("Net").call_keeping_args("forward", np.array([1.0, 3.0]))
        assert after[0].tolist() == [-1.0, 1.0]
    finally:
        m.close()


def test_a_method_run_for_its_effect_may_return_anything():
    """``update`` that returns self (for chaining) is right: the update checks run it without asking for
    its value, which could not cross the pipe."""
    import pytest

    from grader.sandbox import StudentModule
    from grader.feedback.faults import StudentBadValue

    m = StudentModule("class Net:\n    def update(self, k):\n        self.k = k\n        return self\n", "n.py")
    m.load()
    try:
        net = m.new("Net")
        with pytest.raises(StudentBadValue):
            net.call("update", 2)
        net.run("update", 3)
        assert net.get("k") == 3
    finally:
        m.close()


def test_a_shape_error_in_np_dot_gets_the_matrix_product_hint():
    from grader.feedback.source import Source
    from grader.feedback.wording import describe_fault
    from grader.feedback.faults import StudentError

    for message in ("shapes (1,5) and (1,2) not aligned: 5 (dim 1) != 1 (dim 0)",
                    "matmul: Input operand 1 has a mismatch in its core dimension 0"):
        text, _, _ = describe_fault(StudentError("ValueError", message, []), Source("", "x.py", ""))
        assert ".T" in text.en and "전치" in text.ko


# -- one pytest session per folder of checks, one round per submission ---------------------------------
CHECKS = '''
import pytest

@pytest.mark.check("f.one")
def test_f_is_one(student, details):
    value = student.call("f")
    if value == 1:
        details["kept"] = "only for a submission that passed"
    assert value == 1, "f() should return 1"

@pytest.mark.check("g.params")
def test_g_sees_its_own_params(student, params):
    assert student.call("g") == params["want"], "g() should return params['want']"
'''


def _checks_folder(tmp_path: Path, text: str = CHECKS) -> Path:
    hidden = tmp_path / "toy" / "hidden"
    hidden.mkdir(parents=True, exist_ok=True)
    (hidden / "test_toy.py").write_text(text, "utf-8")
    return hidden


def _run(hidden: Path, f: int, g: int, want: int):
    from grader.feedback.source import Source
    from grader.sandbox import StudentModule
    from grader.runner import run_checks

    text = f"def f():\n    return {f}\ndef g():\n    return {g}\n"
    module = StudentModule(text, "toy.py")
    try:
        module.load()
        return run_checks(hidden, module, Source(text, "toy.py", "sha"), {"want": want})
    finally:
        module.close()


def test_one_session_grades_submissions_in_turn_without_mixing_them(tmp_path):
    """Right and wrong submissions alternate through the same session: each round sees its own
    student, its own params and its own details, nothing of the round before."""
    from grader import runner

    hidden = _checks_folder(tmp_path)
    seen = []
    for f, g, want in ((1, 5, 5), (2, 5, 6), (1, 7, 7), (3, 1, 1)):
        out = _run(hidden, f, g, want)
        seen.append((out["f.one"].passed, out["g.params"].passed, out["f.one"].details.get("kept")))
    assert seen == [(True, True, "only for a submission that passed"), (False, False, None),
                    (True, True, "only for a submission that passed"), (False, True, None)]
    assert list(runner._SESSIONS).count(hidden.resolve()) == 1


def test_edited_checks_are_read_again(tmp_path):
    hidden = _checks_folder(tmp_path)
    assert _run(hidden, 1, 0, 0)["f.one"].passed
    path = hidden / "test_toy.py"
    path.write_text(CHECKS.replace("value == 1", "value == 2").replace("# ", ""), "utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    assert not _run(hidden, 1, 0, 0)["f.one"].passed
    assert _run(hidden, 2, 0, 0)["f.one"].passed


def test_checks_that_do_not_import_are_a_grader_error_naming_the_file(tmp_path):
    import pytest

    hidden = _checks_folder(tmp_path, CHECKS + "\ndef broken(:\n")
    with pytest.raises(RuntimeError, match="test_toy.py"):
        _run(hidden, 1, 0, 0)


def test_a_round_cut_short_gets_the_next_submission_a_new_session(tmp_path, monkeypatch):
    """If a round ends with an error of the grader itself, the next submission is not run in a session
    that may still hold that round's fixtures."""
    import pytest

    from grader import runner

    hidden = _checks_folder(tmp_path)
    assert _run(hidden, 1, 5, 5)["f.one"].passed
    first = runner._SESSIONS[hidden.resolve()]
    def broken(*args, **kwargs):
        raise KeyboardInterrupt  # escapes pytest's own handling, as a bug in the plugin could
    with monkeypatch.context() as patched:
        patched.setattr(runner, "judge", broken)
        with pytest.raises(BaseException):
            _run(hidden, 1, 5, 5)
    out = _run(hidden, 2, 5, 5)
    assert runner._SESSIONS[hidden.resolve()] is not first
    assert not out["f.one"].passed and out["f.one"].fault.value == "wrong" and out["g.params"].passed
