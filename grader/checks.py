"""What a check author imports: the one documented module for writing an assignment's hidden checks.

A hidden check is a pytest test marked with its id, asking for the ``student`` fixture (the student's
code, ``StudentCode``), and where it needs them ``params`` (the assignment's ``[params]``) and
``details`` (plain data kept for the report even when the check passes)::

    from grader.checks import CheckFailed, Mistake, Text, compare, public, sibling

    R = sibling(__file__, "reference")     # the grader's own arithmetic, beside the checks
    P = public(__file__)                   # the public checks' words, shared with check.py

    @pytest.mark.check("forward.values")
    def test_forward_values(student):
        net = student.new("NeuralNetwork", [4, 3, 2, 1])
        out = net.call("forward", X)
        compare("forward(X)", out, R.forward(X), mistakes=[Mistake("no_bias", P.NO_BIAS, R.forward_no_bias(X))])

Everything here comes from ``grader.feedback`` (the words and the ladder a student also sees in
check.py), apart from the two loaders below.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from .feedback import (CheckFailed, Mistake, StudentBadValue, StudentCrashed, StudentError, StudentFault,
                       StudentTimeout, Text, as_array, close, compare, diagnosis, require)
from .feedback.protocol import StudentCode, StudentInstance
from .feedback.selfcheck import use_feedback_name

__all__ = ["CheckFailed", "Mistake", "StudentBadValue", "StudentCode", "StudentCrashed", "StudentError",
           "StudentFault", "StudentInstance", "StudentTimeout", "Text", "as_array", "close", "compare",
           "diagnosis", "public", "require", "sibling"]


def _load(path: Path, unique: str) -> ModuleType:
    if unique in sys.modules:
        return sys.modules[unique]
    spec = importlib.util.spec_from_file_location(unique, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[unique] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[unique]
        raise
    return module


def sibling(test_file: str, name: str) -> ModuleType:
    """``name.py`` beside a hidden check file, imported under a name unique to its folder.

    Two assignments may each have a ``reference.py``; plain imports would give the second the first's.
    """
    folder = Path(test_file).resolve().parent
    return _load(folder / f"{name}.py", f"_hidden_{abs(hash(str(folder))):x}_{name}")


def public(test_file: str) -> ModuleType:
    """The assignment's ``public/checks.py`` (beside ``hidden/``), whose words the hidden checks share:
    a sentence both say is written once, in the file that is handed out."""
    use_feedback_name()
    folder = Path(test_file).resolve().parent.parent / "public"
    return _load(folder / "checks.py", f"_public_{abs(hash(str(folder))):x}_checks")
