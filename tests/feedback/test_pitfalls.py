"""The pitfalls the handout's README warns about get messages that name them, in check.py and in the report.

Each case is a small file run twice: in the sandbox (as grading runs it) and in this process through
LocalModule (as the student's check.py runs it); both must say the same words.
"""
from __future__ import annotations

import numpy as np
import pytest

from grader.feedback import local
from grader.feedback.faults import StudentError
from grader.feedback.loading import error_record
from grader.feedback.protocol import LoadReport
from grader.feedback.source import Source
from grader.feedback.wording import describe_fault
from grader.sandbox import Limits, StudentModule

HEAD = "import math\nimport numpy as np\n\n\nclass NeuralNetwork:\n    def __init__(self, cf):\n" \
       "        self.w2 = np.ones((2, 3))\n        self.w3 = np.ones((1, 2))\n        self.b3 = np.zeros((1, 1))\n\n"

CASES = {
    "math_exp": (HEAD + "    def sigmoid(self, z):\n        return 1 / (1 + math.exp(-z))\n",
                 ("sigmoid", np.array([0.0, 1.0])),
                 ["use numpy's, np.exp(z), which works on every entry of an array"],
                 ["numpy의 np.exp(z)를 쓰세요"]),
    "wrong_variable": (HEAD + "    def forward(self, X):\n        a1 = np.ones((3, X.shape[1]))\n"
                              "        a2 = 1 / (1 + np.exp(-a1))   # meant: the second layer's z2\n"
                              "        return self.w3 @ a2 + self.b3\n",
                       ("forward", np.ones((4, 5))),
                       ["On that line (return self.w3 @ a2 + self.b3): self.w3 has shape (1, 2), a2 (3, 5), "
                        "self.b3 (1, 1). A product A @ B needs as many columns in A as rows in B"],
                       ["그 줄(return self.w3 @ a2 + self.b3)에서 self.w3의 shape는 (1, 2), a2은(는) (3, 5), "
                        "self.b3은(는) (1, 1)입니다."]),
    "broadcast": (HEAD + "    def forward(self, X):\n        z = self.w2 + X\n        return z\n",
                  ("forward", np.ones((4, 5))),
                  ["On that line (z = self.w2 + X): self.w2 has shape (2, 3), X (4, 5). Two arrays could not be "
                   "broadcast together"], ["브로드캐스팅할 수 없습니다"]),
    "zeros_two_arguments": ("import numpy as np\n\n\nclass NeuralNetwork:\n    def __init__(self, cf):\n"
                            "        self.b1 = np.zeros(cf[1], 1)\n", ("__init__", [4, 3, 2, 1]),
                            ["np.zeros((n, 1)), not np.zeros(n, 1)"], ["np.zeros(n, 1)이 아니라 np.zeros((n, 1))"]),
    "not_attached": (HEAD + "\ndef forward(self, X):\n    return self.w3 @ X\n", ("forward", np.ones((2, 5))),
                     ["There is a function forward at the top level of the file",
                      "attach it to the class: NeuralNetwork.forward = forward"],
                     ["NeuralNetwork.forward = forward을(를) 실행해 클래스에 붙이거나"]),
    "not_attached_called_by_own_code": (HEAD + "    def train(self, X):\n        return self.forward(X)\n\n\n"
                                               "def forward(self, X):\n    return X\n",
                                        ("train", np.ones((2, 5))),
                                        ["'NeuralNetwork' object has no attribute 'forward'",
                                         "attach it to the class: NeuralNetwork.forward = forward"], []),
}


def _message(module, call, text: str) -> tuple[str, str]:
    name, arg = call
    module.load()
    try:
        with pytest.raises(Exception) as info:
            if name == "__init__":
                module.new("NeuralNetwork", arg)
            else:
                module.new("NeuralNetwork", [4, 3, 2, 1]).call(name, arg)
        text, _, _ = describe_fault(info.value, Source(text, "nn.py", ""), module.load_report)
        return text.en, text.ko
    finally:
        module.close()


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_pitfall_is_named_in_the_report_and_in_check_py_alike(case):
    text, call, en_words, ko_words = CASES[case]
    sandboxed = _message(StudentModule(text, "nn.py", Limits(call_timeout=5), 10.0, ("NeuralNetwork",)), call, text)
    in_process = _message(local.LocalModule(Source(text, "nn.py", ""), call_timeout=5, required=["NeuralNetwork"]),
                          call, text)
    assert sandboxed == in_process
    en, ko = sandboxed
    for words in en_words:
        assert words in en, en
    for words in ko_words:
        assert words in ko, ko


class Hostile:
    """An object whose attributes run code when read: the shapes of a failing line must not run it."""

    ran = []

    def __getattr__(self, name):
        Hostile.ran.append(name)
        return np.ones((9, 9))

    @property
    def w(self):
        Hostile.ran.append("w")
        return np.ones((9, 9))


def test_the_shapes_of_a_failing_line_are_read_without_running_the_students_code():
    source = "def f(h, a):\n    return h.w @ h.other @ a.T @ a\n"
    code = compile(source, "student.py", "exec")
    namespace: dict = {}
    exec(code, namespace)
    import linecache
    linecache.cache["student.py"] = (len(source), None, source.splitlines(True), "student.py")
    with pytest.raises(ValueError) as info:
        namespace["f"](Hostile(), np.ones((3, 2)))  # a.T @ a fits; (9, 9) @ (9, 9) fits: make it fail below
    record = error_record(info.value, {"student.py"})
    shapes = record["frames"][-1].get("shapes", [])
    assert Hostile.ran == ["w", "other"]  # the student's own call read them, the record did not read them again
    assert shapes == [{"name": "a.T", "shape": [2, 3]}, {"name": "a", "shape": [3, 2]}]


@pytest.mark.parametrize("shapes", [
    [{"name": "a", "shape": ["3", 2]}],                 # not integers
    [{"name": "a", "shape": list(range(40))}],          # absurdly many dimensions
    "not a list", [["a", [3, 2]]], [{"shape": [3, 2]}],
])
def test_shapes_that_the_students_process_made_up_are_not_shown(shapes):
    exc = StudentError("ValueError", "matmul: Input operand 1 has a mismatch in its core dimension 0",
                       [{"line": 2, "name": "f", "code": "return a @ b", "shapes": shapes}])
    text, _, _ = describe_fault(exc, Source("x = 1\nreturn a @ b\n", "x.py", ""), LoadReport([], [], "full"))
    assert "On that line" not in text.en and ".T" in text.en
