"""Code that does nothing is not compared (grader/similarity/canon.py): each kind of dead code a copier can
insert leaves the tokens exactly as they were, code that does something (or that a student wrote to see
something) stays, and every token keeps the line of the file it came from. The handed-out code is
discounted in every spelling of its products and sums, and the README's formulas with it."""
from __future__ import annotations

import pytest

from grader.similarity.canon import canonical, spellings
from grader.similarity.sources import readme_code
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
    "assert True": "assert True",
    "if False": "if False:\n            self.w3 = None",
    "if 0 with else": "if 0:\n            z = 1\n        else:\n            pass",
    "while False": "while False:\n            m = m + 1",
    "for in range(0)": "for _k in range(0):\n            self.b3 = 0",
    "for in []": "for q in []:\n            pass",
    "a literal nobody reads": "_unused = 0",
    "a counter nobody reads": "counter = 0\n        counter += 1",
    "an annotated literal": "debug: bool = False",
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
    "a value nobody reads": "n = X.shape[0]",
    "a print": "print('m =', m)",
    "a literal that is read": "scale = 2\n        self.b3 = self.b3 * scale",
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


def test_the_handed_out_code_is_discounted_in_every_spelling():
    got = spellings("d2 = (w3.T @ d3) * a2\ndb = d3.sum(axis=1, keepdims=True) / m\n")
    assert "d2 = np.dot(w3.T, d3) * a2\ndb = np.sum(d3, axis=1, keepdims=True) / m" in got
    assert "d2 = np.matmul(w3.T, d3) * a2\ndb = d3.sum(axis=1, keepdims=True) / m" in got
    assert "d2 = w3.T.dot(d3) * a2\ndb = d3.sum(axis=1, keepdims=True) / m" in got
    assert len(got) == 8
    assert spellings("def f(:\n") == []


README = """\
# 과제

표: `z1 = w1 @ X + b1` 그리고 `a1 = sigmoid(z1)`, 설명일 뿐인 `w1`과 `w == 0`.

```
m = X.shape[1]                                # 샘플 수
dW3 = d3 @ a2.T / m     db3 = d3.sum(axis=1, keepdims=True) / m
L = -(1/m) Σ [y log a3]
```
"""


def test_the_readme_s_formulas_are_handed_out_code_as_a_method_writes_them():
    got = readme_code(README, frozenset({"w1", "b1", "z1", "a1", "a2", "a3", "sigmoid"}))
    assert "m = X.shape[1]                                # 샘플 수\ndW3 = d3 @ a2.T / m\n" \
           "db3 = d3.sum(axis=1, keepdims=True) / m" in got                    # two statements on one line split
    assert "m = X.shape[1]                                # 샘플 수\ndW3 = d3 @ self.a2.T / m\n" \
           "db3 = d3.sum(axis=1, keepdims=True) / m" in got
    assert "self.z1 = self.w1 @ X + self.b1" in got and "self.a1 = self.sigmoid(self.z1)" in got
    assert not any("Σ" in t or t == "w1" or "==" in t for t in got)       # prose, names, comparisons: not code


def test_a_student_who_types_the_readme_s_update_in_np_dot_has_handed_out_code_only():
    from pathlib import Path

    from grader import assignment as assignment_mod
    from grader.similarity.sources import base_hashes, base_texts, keep_names
    from grader.similarity.winnow import kgram_hashes

    nn = assignment_mod.load(Path(__file__).resolve().parents[2] / "assignments" / "neural_network")
    texts = base_texts(nn)
    keep = keep_names(texts)
    student = ("d3 = self.a3 - y\n"
               "d2 = np.dot(self.w3.T, d3) * self.a2 * (1 - self.a2)\n"
               "d1 = np.dot(self.w2.T, d2) * self.a1 * (1 - self.a1)\n")
    grams = set(kgram_hashes(normalise(student, keep).words))
    assert grams <= base_hashes(texts, keep)
    without_readme = [t for t in texts if "d2" not in t]
    assert not grams <= base_hashes(without_readme, keep)


BLOCKS = """\
import numpy as np


@decorator(1)
class Net(Base, metaclass=Meta):
    async def step(self, X) -> None:
        async with lock:
            self.locked = True
        async for item in feed():
            self.n += item
    def fit(self, X):
        for i in range(3):
            self.w = self.w - 1
        else:
            self.done = True
        while self.w.sum() > 0:
            self.w = self.w / 2
        else:
            self.k = 1
        with open("log") as f, ctx():
            f.write("x")
        try:
            self.w = np.load("w.npy")
        except (OSError, ValueError) as exc:
            self.w = None
        else:
            self.ok = True
        finally:
            self.tries = 1
        if X is None:
            return
        elif X.ndim == 1:
            X = X[:, None]
        else:
            X = X
        match X.ndim:
            case 2:
                self.m = X.shape[1]
"""


def test_every_kind_of_block_is_written_back_whole():
    form = canonical(BLOCKS)
    assert form is not None
    compile(form.text, "canonical", "exec")              # still Python
    assert normalise(BLOCKS).words == normalise(form.text).words
    words = " ".join(normalise(BLOCKS).words)
    for kept in ("async def", "async with", "async for", "try", "except", "finally", "match", "case",
                 "@ V ( N )", "metaclass"):
        assert kept in words, kept
    assert len(form.origin) == len(form.text.splitlines())
    assert form.origin[form.text.splitlines().index("    async def step(self, X) -> None:")] == (6, 6)
    # a block left empty (only ``pass`` or a docstring, as in the stub) is a header with nothing under it
    stub = 'def f(self):\n    """Fill me in."""\n    pass\nx = f(1)\n'
    assert canonical(stub).text == "def f(self):\nx = f(1)\n"
    assert normalise(stub).words == ("def", "V", "(", "self", ")", ":", ";", "V", "=", "V", "(", "N", ")", ";")


def test_fingerprints_are_the_same_in_every_process():
    """The store keeps fingerprints between runs: a k-gram's hash must not depend on the process's string
    hash salt."""
    import os
    import subprocess
    import sys

    code = "from grader.similarity.winnow import kgram_hashes; print(kgram_hashes(list('def V ( self ) : ;') * 3))"
    root = str(__import__("pathlib").Path(__file__).resolve().parents[2])
    got = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True,
                          env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "random")}
    assert len(got) == 1 and got.pop().startswith("[")
