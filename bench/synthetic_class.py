"""A synthetic class of N submissions built from the repository's own corpus, with a fixed seed.

Mostly correct variants (``solutions/<a>/correct/`` and the reference), about 15% of the corpus'
realistic mistakes (``mutants/`` listed in ``mutants.toml``; the demo class's wrong answers when that
corpus is not there yet), about 3% notebooks and about 1% that never finish (a ``while True`` in
``update``).  Every file gets a trailing comment (or a cell) with its student's name, so no two are
byte-identical and the grader's incremental reuse really keys on content.
"""
from __future__ import annotations

import json
import random
import re
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

FAMILY = ("kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "han", "oh", "seo",
          "shin", "kwon", "hwang", "ahn", "song", "jeon", "hong", "yoo", "ko", "moon", "yang", "son", "bae")
GIVEN = ("min", "ji", "jun", "ho", "seo", "yeon", "do", "yun", "hyun", "woo", "yu", "na", "su", "bin",
         "ha", "eun", "jae", "won", "young", "hee", "sung", "tae", "jin", "kyung", "hye", "in", "ah", "gyu")

# The demo class, when the correct/ and mutants/ corpora are not there: which file is which.
DEMO_CORRECT = ("kim_minji",)
DEMO_TIMEOUT = ("yoon_jiwoo",)


@dataclass(frozen=True)
class Member:
    student: str
    kind: str          # correct | mutant | notebook | timeout
    source: str        # the corpus file it was made from, relative to the repository
    file: str          # its file name in the class folder


@dataclass(frozen=True)
class Corpus:
    correct: tuple[Path, ...]
    mutants: tuple[Path, ...]
    notebooks: tuple[Path, ...]     # corpus files that already are notebooks
    origin: str                     # what the corpus was made of, said in the output


def load_corpus(root: Path, assignment: str) -> Corpus:
    sol = root / "solutions" / assignment
    reference = sol / f"{assignment}.py"
    if not reference.is_file():
        raise SystemExit(f"bench: the reference solution {reference} is missing")
    correct = [reference] + sorted(p for p in (sol / "correct").glob("*") if p.suffix in (".py", ".ipynb"))
    mutants: list[Path] = []
    table = sol / "mutants.toml"
    if table.is_file():
        for stem, entry in tomllib.loads(table.read_text("utf-8")).items():
            path = sol / "mutants" / entry.get("file", f"{stem}.py")
            if path.is_file():
                mutants.append(path)
    origin = f"reference + {len(correct) - 1} correct variant(s), {len(mutants)} mutant(s) from mutants.toml"
    demo = sorted(p for p in (sol / "demo_class").glob("*") if p.suffix in (".py", ".ipynb"))
    filled = []
    if len(correct) == 1:
        correct += [p for p in demo if p.stem in DEMO_CORRECT]
        filled.append("correct")
    if not mutants:
        mutants = [p for p in demo if p.stem not in DEMO_CORRECT + DEMO_TIMEOUT]
        filled.append(f"{len(mutants)} wrong")
    if filled:
        origin += f" (demo_class supplied the {' and '.join(filled)} ones)"
    if not mutants:
        raise SystemExit("bench: no wrong submissions in the corpus (mutants/ or demo_class/)")
    notebooks = tuple(p for p in correct + mutants if p.suffix == ".ipynb")
    return Corpus(tuple(p for p in correct if p.suffix == ".py"), tuple(mutants), notebooks, origin)


def student_names(n: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        name = f"{rng.choice(FAMILY)}_{rng.choice(GIVEN)}{rng.choice(GIVEN)}"
        if name in names:
            name = f"{name}{rng.randint(2, 99)}"
        names.add(name)
    return sorted(names)


def with_endless_update(text: str) -> str | None:
    """The source with a loop that never ends at the top of ``update`` (None if it has no such method)."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if re.match(r"\s+def update\(", line):
            for j in range(i + 1, len(lines)):
                if lines[j].strip() and not lines[j].lstrip().startswith(("#", '"""', "'''")):
                    indent = lines[j][: len(lines[j]) - len(lines[j].lstrip())]
                    loop = [f"{indent}epoch = 0\n", f"{indent}while True:  # 수렴할 때까지 반복 (끝나지 않음)\n",
                            f"{indent}    epoch += 1\n"]
                    return "".join(lines[:j] + loop + lines[j:])
    return None


def as_notebook(text: str, student: str) -> str:
    """A .py submission as the notebook a student would hand in: imports, the class, a quick test."""
    import nbformat.v4 as v4

    lines = text.splitlines()
    imports = [ln for ln in lines if re.match(r"(import|from)\s", ln)]
    body = "\n".join(ln for ln in lines if ln not in imports).strip("\n")
    nb = v4.new_notebook()
    nb.cells = [v4.new_markdown_cell(f"# 9주차 과제: 신경망 클래스\n{student}"),
                v4.new_code_cell("\n".join(["%matplotlib inline"] + imports)),
                v4.new_code_cell(body),
                v4.new_code_cell("net = NeuralNetwork([4, 3, 2, 1])\nprint(net.forward(np.random.randn(4, 5)).shape)")]
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


def signed_notebook(raw: str, student: str) -> str:
    nb = json.loads(raw)
    cell = {"cell_type": "markdown", "metadata": {}, "source": [f"제출: {student}"]}
    if (nb.get("nbformat"), nb.get("nbformat_minor", 0)) >= (4, 5):
        cell["id"] = "submitted-by"
    nb.setdefault("cells", []).append(cell)
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


def build(root: Path, assignment: str, out: Path, n: int, seed: int = 2024) -> tuple[list[Member], Corpus]:
    """Writes the class into ``out`` (emptied first); returns who is who."""
    corpus = load_corpus(root, assignment)
    rng = random.Random(seed)
    n_timeout = max(1, round(0.01 * n))
    n_notebook = max(1, round(0.03 * n))
    n_mutant = max(1, round(0.15 * n))
    kinds = ["timeout"] * n_timeout + ["notebook"] * n_notebook + ["mutant"] * n_mutant
    kinds += ["correct"] * (n - len(kinds))
    rng.shuffle(kinds)
    names = student_names(n, rng)

    def cycle(items):
        items = list(items)
        rng.shuffle(items)
        while True:
            yield from items

    # notebook mutants are handed in as notebooks (the ~3%), so the .py mutants make up the mistakes
    correct, mutants = cycle(corpus.correct), cycle([p for p in corpus.mutants if p.suffix == ".py"]
                                                    or corpus.mutants)
    endless = [p for p in corpus.correct if with_endless_update(p.read_text("utf-8"))]
    notebooks = cycle(list(corpus.notebooks) + list(corpus.correct))
    endless_it = cycle(endless)

    if out.exists():
        for p in out.iterdir():
            p.unlink()
    out.mkdir(parents=True, exist_ok=True)
    members = []
    for student, kind in zip(names, kinds):
        src = next({"correct": correct, "mutant": mutants, "notebook": notebooks, "timeout": endless_it}[kind])
        raw = src.read_text("utf-8")
        if src.suffix == ".ipynb":
            ext, text = ".ipynb", signed_notebook(raw, student)
        elif kind == "notebook":
            ext, text = ".ipynb", as_notebook(raw + f"\n# {student}\n", student)
        elif kind == "timeout":
            ext, text = ".py", with_endless_update(raw) + f"\n# 제출: {student}\n"
        else:
            ext, text = ".py", raw.rstrip("\n") + f"\n\n# 제출: {student}\n"
        (out / f"{student}{ext}").write_text(text, "utf-8")
        members.append(Member(student, kind, str(src.relative_to(root)), f"{student}{ext}"))
    (out.parent / f"{out.name}.manifest.json").write_text(
        json.dumps([asdict(m) for m in members], ensure_ascii=False, indent=1), "utf-8")
    return members, corpus
