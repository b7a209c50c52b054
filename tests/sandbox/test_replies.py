"""What a reply says about the student's code, said right: output left out is counted, a name the code lacks is
named as such (not as an AttributeError of the grader's own lookup), numpy's errors are judged under numpy's
own handling."""
from __future__ import annotations

import pytest

from grader.feedback import local
from grader.feedback.faults import StudentError
from grader.feedback.outcome import judge
from grader.feedback.source import Source
from grader.sandbox import Limits, StudentModule

FLOOD = '''
import sys
def flood(n):
    sys.stdout.write("x" * n)
    return n
'''
NAMES = '''
import numpy as np
np.seterr(all="ignore")

def sigmoid_derivative(z):
    return z

def overflow(z):
    return 1 / (1 + np.exp(-z))

class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
'''


def sandboxed(text: str, name: str = "student.py") -> StudentModule:
    module = StudentModule(text, name, Limits(call_timeout=5), 10.0)
    module.load()
    return module


def test_output_over_the_cap_is_counted_in_full():
    """Ten million characters printed: 64 KB kept, and the note says how many were left out (it said "50")."""
    module = sandboxed(FLOOD)
    try:
        for _ in range(4):
            assert module.call("flood", 2_500_000) == 2_500_000
    finally:
        module.close()
    assert module.output.startswith("x" * 1000)
    assert module.output.endswith(f"\n[... {10_000_000 - 64 * 1024} more characters of output not kept]")


@pytest.mark.parametrize("where", ["sandbox", "check.py"])
def test_a_name_the_code_lacks_is_said_as_such(where):
    source = Source(NAMES, "student.py", "")
    module = sandboxed(NAMES) if where == "sandbox" else local.LocalModule(source)
    if where == "check.py":
        module.load()
    try:
        with pytest.raises(StudentError) as missing_function:
            module.call("sigmoid_prime", 1.0)
        with pytest.raises(StudentError) as missing_method:
            module.new("NeuralNetwork", [4, 3, 2, 1]).call("forward", 1.0)
    finally:
        module.close()
    function = judge("x", missing_function.value, source, report=module.load_report).message
    assert function.en == ("Your code defines no function named sigmoid_prime while the grader called sigmoid_prime(1.0): "
                           "the grader calls each function by the exact name in the specification. Did you name it "
                           "sigmoid_derivative?")
    method = judge("x", missing_method.value, source, report=module.load_report).message
    assert method.en == ("Your code defines no method named forward in class NeuralNetwork while the grader called "
                         "forward(1.0): the grader calls each method by the exact name in the specification.")
    assert method.ko.startswith("코드의 NeuralNetwork 클래스에 forward(이)라는 메서드가 없습니다")


@pytest.mark.parametrize("where", ["sandbox", "check.py"])
def test_numpy_defaults_undo_the_files_own_seterr_for_one_call(where):
    """A file that silenced numpy at import still overflows: a call judged on its warnings sees them."""
    module = sandboxed(NAMES) if where == "sandbox" else local.LocalModule(Source(NAMES, "student.py", ""))
    if where == "check.py":
        module.load()
    try:
        module.call("overflow", -1000.0)
        assert module.last_warnings == []  # the file's own setting: silence
        module.call("overflow", -1000.0, numpy_defaults=True)
        assert any("overflow" in w for w in module.last_warnings), module.last_warnings
    finally:
        module.close()
