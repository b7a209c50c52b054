"""Code that does nothing is not compared (grader/similarity/canon.py): each kind of dead code a copier can
insert leaves the tokens exactly as they were, code that does something stays, and every token keeps the
line of the file it came from."""
from __future__ import annotations

import pytest

from grader.similarity.canon import canonical
from grader.similarity.tokens import normalise

ORIGINAL = """\
import numpy as np


class NeuralNetwork:
    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        self.w3 = self.w3 - lr * d3 @ self.a2.T / m
        self.b3 = self.b3 - lr * d3.sum(axis=1, keepdims=True) / m
        return d2
"""

# each: a line inserted before ``d3 = ...`` (same indentation); none of them changes what update does
DEAD = {
    "docstring": '"""Backpropagation, one step."""',
    "bare string": "'the output layer first'",
    "ellipsis": "...",
    "pass": "pass",
    "print": "print('debug', m)",
    "assert True": "assert True",
    "if False": "if False:\n            self.w3 = None",
    "if 0 with else": "if 0:\n            z = 1\n        else:\n            pass",
    "while False": "while False:\n            m = m + 1",
    "for in range(0)": "for _k in range(0):\n            self.b3 = 0",
    "for in []": "for q in []:\n            pass",
    "unused name": "_unused = 0",
    "unused chain": "counter = 0\n        counter += 1\n        total = counter * 2",
    "unused tuple": "a, b = None, np.zeros(3)",
    "unused annotated": "tmp_shape: tuple = X.shape",
}


def insert(text: str, line: str) -> str:
    return text.replace("        d3 = ", "        " + line + "\n        d3 = ", 1)


@pytest.mark.parametrize("name", DEAD)
def test_dead_code_leaves_the_tokens_as_they_were(name):
    copy = insert(ORIGINAL, DEAD[name])
    assert normalise(copy).words == normalise(ORIGINAL).words, name


def test_code_after_a_return_is_dead():
    copy = ORIGINAL.replace("        return d2\n", "        return d2\n        d2 = d2 * 2\n        print(d2)\n")
    assert normalise(copy).words == normalise(ORIGINAL).words


# each: a line that does something, which must stay
LIVE = {
    "a name read later": "scale = 2\n        self.w3 = self.w3 * scale",
    "an attribute": "self.debug = False",
    "a method of self": "_ = self.forward(X)",
    "a global": "global STEPS\n        STEPS = 1",
    "an if on data": "if m > 1:\n            self.b3 = 0",
    "a loop that runs": "for _k in range(2):\n            self.b3 = 0",
    "an assert on data": "assert X.shape[0] == 4",
    "a subscript store": "self.cache['m'] = m",
}


@pytest.mark.parametrize("name", LIVE)
def test_code_that_does_something_stays(name):
    copy = insert(ORIGINAL, LIVE[name])
    assert len(normalise(copy).words) > len(normalise(ORIGINAL).words), name


def test_the_true_branch_of_a_constant_if_stays_and_its_test_goes():
    copy = insert(ORIGINAL, "if True:\n            self.b1 = 0")
    assert normalise(copy).words == normalise(insert(ORIGINAL, "self.b1 = 0")).words


def test_each_token_keeps_its_own_line():
    copy = insert(ORIGINAL, "if False:\n            print('x')\n        # a comment\n        _t = 0")
    t = normalise(copy)
    assert canonical(copy) is not None
    # d3 = ... was line 7, and is line 11 in the copy: its first token says 11
    i = t.words.index("-") - 5              # "V = self . a3 - y": the V of d3
    assert (t.words[i], t.lines[i]) == ("V", 11)
    assert set(t.lines) == {1, 4, 5, 6, 11, 12, 13, 14, 15}
    two_lines = normalise("x = (1 +\n     2)\ny = x\n")
    assert two_lines.lines == (1, 1, 1, 1, 1, 2, 3, 3, 3, 3)  # a statement's end (;) is its last line


@pytest.mark.parametrize("text", ["def f(:\n    pass\n", "x = " + "(" * 300 + ")" * 300 + "\n",
                                  "x = 1\n" + "y = 2\n" * 200_000])
def test_what_cannot_be_parsed_safely_is_read_as_written(text):
    assert canonical(text) is None
    assert normalise(text).words                     # still compared, by the tokenizer alone
