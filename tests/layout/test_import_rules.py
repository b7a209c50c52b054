"""The zones of trust, held by their imports: a test that reads every module of the grader and the
assignments and fails when a module imports across a line it must not cross.

    grader/sandbox/_inside/   runs beside student code: the standard library, numpy, its own modules, and
                              (by path, in shared.py) sandbox/wire.py, feedback/plain.py, feedback/loading.py
    grader/feedback/          ships to students: the standard library, numpy, nbformat only inside a function,
                              its own modules; nothing of the grader
    grader/sandbox/wire.py, feedback/plain.py, feedback/loading.py   the three modules the sandbox shares:
                              the standard library (and numpy for plain)
    grader/report/            reads records: the standard library, jinja2, grader.results, its own modules
    pytest                    only grader/runner.py (and the checks it runs) import it
    public checks             import _feedback (and the standard library, numpy), never grader or hidden/
    hidden checks             import grader.checks (public words through grader.checks.public), numpy, pytest
    distributed, dask         only grader/workers.py, inside the Dask path: a run without --dask never needs them
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from helpers import ROOT

GRADER = ROOT / "grader"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}
SHARED_BY_PATH = {"grader/sandbox/wire.py", "grader/feedback/plain.py", "grader/feedback/loading.py"}


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, text: str) -> list[tuple[str, bool]]:
    """(absolute module name, at module level?) for every import statement of a file."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    tree = ast.parse(text)
    top = {id(n) for n in tree.body} | {id(n) for node in tree.body if isinstance(node, (ast.Try, ast.If))
                                        for n in ast.walk(node)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
                if not node.module:  # from . import x: each name may be a module of the package
                    out += [(f"{name}.{a.name}", id(node) in top) for a in node.names]
                    continue
            else:
                name = node.module or ""
            if (ROOT / name.replace(".", "/")).is_dir():  # from a package: each name may be a module of it
                out += [(f"{name}.{a.name}", id(node) in top) for a in node.names]
            else:
                out.append((name, id(node) in top))
    return out


def root(name: str) -> str:
    return name.split(".")[0]


def violations(path: Path, text: str) -> list[str]:
    """Every import of ``path`` (whose source is ``text``) that breaks the rule of its zone."""
    rel = path.relative_to(ROOT).as_posix()
    bad = []
    for name, top_level in imports(path, text):
        def refuse(why: str) -> None:
            bad.append(f"{rel} imports {name}: {why}")

        if root(name) in ("distributed", "dask") and (rel != "grader/workers.py" or top_level):
            refuse("only grader/workers.py imports distributed, inside its Dask path (a run without --dask, "
                   "Gradescope's container, never installs it)")
        if rel in SHARED_BY_PATH:
            if root(name) not in STDLIB and not (rel.endswith("plain.py") and root(name) == "numpy"):
                refuse("the sandbox loads this module by path: the standard library only (plain.py: and numpy)")
        elif rel.startswith("grader/sandbox/_inside/"):
            inside = name.startswith("grader.sandbox._inside")
            if not (root(name) in STDLIB or root(name) == "numpy" or inside or name.startswith("_grader_sandbox")):
                refuse("code inside the sandbox imports nothing of the grader (shared.py loads three files by path)")
        elif rel.startswith("grader/feedback/"):
            if name.startswith("grader.") and not name.startswith("grader.feedback"):
                refuse("the student's side ships alone: nothing of the grader")
            elif root(name) == "nbformat" and top_level:
                refuse("nbformat only inside a function: a student checking a .py file has only numpy")
            elif root(name) not in STDLIB | {"numpy", "nbformat", "grader"}:
                refuse("the student's side needs only the standard library and numpy")
        elif rel.startswith("grader/report/"):
            if name.startswith("grader.") and not (name.startswith("grader.report") or name == "grader.results"):
                refuse("reports read result records only (grader.results)")
            elif root(name) not in STDLIB | {"jinja2", "grader"}:
                refuse("reports need only jinja2")
        elif rel.startswith("grader/"):
            if root(name) == "pytest" and rel != "grader/runner.py":
                refuse("only the runner reaches pytest")
            if name.startswith("grader.sandbox._inside") and name != "grader.sandbox._inside.tree":
                refuse("the grader cleans up with _inside.tree; the rest of _inside runs in the sandbox only")
        elif "/public/" in rel:
            if root(name) not in STDLIB | {"numpy", "_feedback"}:
                refuse("public checks import only _feedback (what the handout carries)")
        elif "/hidden/" in rel:
            if root(name) == "grader" and name != "grader.checks":
                refuse("hidden checks import grader.checks, the one module for check authors")
            elif root(name) not in STDLIB | {"numpy", "pytest", "grader"}:
                refuse("hidden checks need only numpy and pytest")
    if "/public/" in rel and (READS_HIDDEN.search(text) or "sibling(" in text):
        bad.append(f"{rel} names hidden/: public checks never read the hidden ones (the reverse is allowed)")
    return bad


# The folder as a path or a module ("hidden/", "hidden.reference", "'hidden'"), not the word: the mistakes'
# words speak of hidden layers and hidden deltas.
READS_HIDDEN = re.compile(r"""\bhidden\s*[/\\.]\s*\w|["']hidden["']""")


def python_files() -> list[Path]:
    files = [p for p in GRADER.rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in (ROOT / "assignments").rglob("*.py") if "public" in p.parts or "hidden" in p.parts]
    return sorted(files)


def test_every_module_keeps_to_the_imports_of_its_zone():
    found = [v for p in python_files() for v in violations(p, p.read_text("utf-8"))]
    assert not found, "\n".join(found)


def test_shared_py_loads_exactly_the_three_shared_modules():
    text = (GRADER / "sandbox" / "_inside" / "shared.py").read_text("utf-8")
    loaded = {s.value for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Constant) and isinstance(n.value, str)
              for s in [n] if s.value.endswith(".py")}
    assert loaded == {"wire.py", "plain.py", "loading.py"}


@pytest.mark.parametrize("where, line", [
    ("grader/sandbox/_inside/server.py", "from ...results import Text"),
    ("grader/sandbox/_inside/harden.py", "import grader.cli"),
    ("grader/feedback/compare.py", "from ..sandbox import wire"),
    ("grader/feedback/source.py", "import nbformat"),
    ("grader/feedback/local.py", "import jinja2"),
    ("grader/sandbox/wire.py", "import numpy"),
    ("grader/feedback/loading.py", "from . import text"),
    ("grader/report/student.py", "from ..assignment import Assignment"),
    ("grader/report/overview.py", "from ..sandbox import Sandbox"),
    ("grader/pipeline.py", "import pytest"),
    ("grader/cli.py", "from .sandbox._inside import server"),
    ("assignments/neural_network/public/checks.py", "from grader.checks import compare"),
    ("assignments/neural_network/hidden/test_neural_network.py", "from grader.runner import run_checks"),
    ("assignments/neural_network/hidden/test_neural_network.py", "import jinja2"),
    ("grader/workers.py", "from distributed import Client"),
    ("grader/gradescope/run.py", "def f():\n    import distributed"),
])
def test_a_broken_rule_is_found(where, line):
    path = ROOT / where
    assert violations(path, path.read_text("utf-8") + "\n" + line + "\n"), (where, line)


@pytest.mark.parametrize("line", ['R = sibling(__file__, "reference")',
                                  'spec = importlib.util.spec_from_file_location("r", HERE.parent / "hidden" / "reference.py")',
                                  'R = _load(Path(__file__).parents[1] / "hidden/reference.py")',
                                  "from hidden.reference import step"])
def test_a_public_check_that_reads_the_hidden_ones_is_found(line):
    path = ROOT / "assignments" / "neural_network" / "public" / "checks.py"
    assert violations(path, path.read_text("utf-8") + "\n" + line + "\n")
