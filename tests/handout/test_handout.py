"""The handout (`make handout`): what is in it, that nothing hidden is, and that its checks say what the report says."""
from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from contextlib import redirect_stdout
from dataclasses import asdict
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers import ROOT, missing
from grader import assignment, handout
from grader.discover import Submission
from grader.pipeline import grade
from grader.feedback import jupyter, local, selfcheck
from grader.feedback.faults import StudentBadValue
from grader.feedback.source import extract
from grader.handout.notebook import embedded_files
from grader.results import NOT_GRADABLE, Text, from_dict
from grader.sandbox import Limits

DATA = ROOT / "tests" / "data" / "handout"
NN = ROOT / "assignments" / "neural_network"
WITH_PUBLIC = sorted(p.name for p in (ROOT / "assignments").iterdir() if (p / "public" / "checks.py").is_file())
LIKELY = ("\nLikely mistake: ", "\n추정되는 실수: ")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    for name in WITH_PUBLIC:
        handout.build(ROOT / "assignments" / name, out)
    return out


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def public_ids(dist: Path, name: str) -> list[str]:
    return list(json.loads((dist / name / "_feedback" / "assignment.json").read_text("utf-8"))["checks"])


# -- what is in it --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", WITH_PUBLIC)
def test_the_handout_is_the_stub_the_notebook_the_readme_and_check_py(dist, name):
    folder, a = dist / name, tomllib.loads((ROOT / "assignments" / name / "assignment.toml").read_text("utf-8"))
    stem = Path(a["entry"]).stem
    files = files_of(folder)
    assert {f.split("/")[0] for f in files} == {a["entry"], f"{stem}.ipynb", "README.md", "check.py", "_feedback"}
    assert files[a["entry"]] == (ROOT / "assignments" / name / a["entry"]).read_bytes()
    assert {f for f in files if f.startswith("_feedback/public/")} == {
        "_feedback/public/" + p.relative_to(ROOT / "assignments" / name / "public").as_posix()
        for p in (ROOT / "assignments" / name / "public").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert "check.py" in files["README.md"].decode()
    config = json.loads(files["_feedback/assignment.json"])
    assert config["stub_sha256"] == hashlib.sha256(files[a["entry"]]).hexdigest()
    with zipfile.ZipFile(dist / f"{name}.zip") as z:
        assert {n: z.read(n) for n in z.namelist()} == {f"{name}/{f}": b for f, b in files.items()}


@pytest.mark.parametrize("name", WITH_PUBLIC)
def test_the_notebook_carries_feedback_byte_for_byte(dist, name):
    """The check cell's payload is _feedback/ of the handout, every file and nothing else: so what is scanned
    for secrets and tested in _feedback/ is what the notebook carries."""
    feedback = {f: b for f, b in files_of(dist / name).items() if f.startswith("_feedback/")}
    assert embedded_files(handout_notebook(dist, name)) == feedback
    assert len(feedback) > 10


def test_building_twice_gives_the_same_zip(dist, tmp_path):
    handout.build(NN, tmp_path)
    assert (tmp_path / "neural_network.zip").read_bytes() == (dist / "neural_network.zip").read_bytes()


@pytest.mark.parametrize("name", WITH_PUBLIC)
def test_the_notebook_is_the_spec_then_a_cell_per_function_or_method_then_the_checks(dist, name):
    folder = ROOT / "assignments" / name
    entry = tomllib.loads((folder / "assignment.toml").read_text("utf-8"))["entry"]
    nb = nbformat.read(str(dist / name / f"{Path(entry).stem}.ipynb"), as_version=4)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith((folder / "README.md").read_text("utf-8").strip()[:200])
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    language = tomllib.loads((folder / "assignment.toml").read_text("utf-8"))["language"]
    cell = code[-1].splitlines()
    assert cell[-2:] == ['if "get_ipython" in globals():  # in Jupyter, Colab or VS Code (not when the grader reads '
                         'the notebook)', f'    _public_checks(lang="{language}")']
    comment = [line for line in cell if line.startswith("#")][:4]
    assert cell[:4] == comment and re.search("[가-힣]", comment[0]) and comment[2].startswith("# Public checks")
    assert "no other file" in " ".join(comment) and "다른 파일 없이" in " ".join(comment)
    readable = [line for line in cell if not line.startswith("_CHECKER = ")]
    assert len(readable) == len(cell) - 1 < 60 and max(map(len, readable)) <= 120  # one long line: the payload
    ast.parse(code[-1])
    stub = ast.parse((folder / entry).read_text("utf-8"))
    defined = [[m.name for m in (n.body if isinstance(n, ast.ClassDef) else [n]) if isinstance(m, ast.FunctionDef)]
               for n in stub.body]
    per_cell = [[n.name for n in ast.walk(ast.parse(src)) if isinstance(n, ast.FunctionDef)] for src in code[:-1]]
    assert [names for names in per_cell if names] == [[f] for names in defined for f in names]
    for node in stub.body:
        if isinstance(node, ast.ClassDef):
            for method in [m.name for m in node.body if isinstance(m, ast.FunctionDef)][1:]:
                assert any(src.rstrip().endswith(f"{node.name}.{method} = {method}") for src in code)


# -- nothing hidden in it ---------------------------------------------------------------------------
def _lines(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        nb = nbformat.reads(path.read_text("utf-8"), as_version=4)
        return [line for c in nb.cells for line in c.source.splitlines()]
    return path.read_bytes().decode("utf-8", "ignore").splitlines()


def _config_secrets(config: Path, public: set[str]) -> tuple[list[str], list[str]]:
    """Lines and string values of the config's tables that are not public: [params.*] and other checks' tables."""
    table, lines = "", []
    for line in config.read_text("utf-8").splitlines():
        if line.startswith("["):
            table = line.strip("[] ")
        hidden_check = table.startswith("checks.") and table[len("checks."):].strip('"') not in public
        if table == "params" or table.startswith("params.") or hidden_check:
            lines.append(line)
    cfg = tomllib.loads(config.read_text("utf-8"))
    values = [v for cid, t in cfg["checks"].items() if cid not in public for v in t.values() if isinstance(v, str)]
    return lines, values


def _texts(value, depth: int = 0):
    if isinstance(value, Text):
        yield from (value.en, value.ko)
    elif depth < 4 and isinstance(value, dict):
        for v in value.values():
            yield from _texts(v, depth + 1)
    elif depth < 4 and isinstance(value, (tuple, list)):
        for v in value:
            yield from _texts(v, depth + 1)


def _public_module(name: str):
    selfcheck.use_feedback_name()
    return _load(ROOT / "assignments" / name / "public" / "checks.py", f"_public_{name}")


def _mistake_texts(name: str) -> set[str]:
    """Every Text the hidden modules keep at module level (STEP_TEXT, FORWARD_TEXT, the mistake tables, ...), but
    those the public checks define themselves: the hidden checks take the sentences they share from there."""
    out = set()
    for path in sorted((ROOT / "assignments" / name / "hidden").glob("*.py")):
        for value in vars(_load(path, f"_leak_{name}_{path.stem}")).values():
            out.update(_texts(value))
    published = {t for value in vars(_public_module(name)).values() for t in _texts(value)}
    return out - published


@pytest.mark.parametrize("name", WITH_PUBLIC)
def test_no_byte_of_the_hidden_checks_solutions_hidden_config_or_mistake_tables_is_in_the_handout(dist, name):
    """Every line (30+ characters) of hidden/, solutions/ and the config's hidden tables, and every text of the
    hidden checks' mistake tables, is looked for in every file of the handout and of its zip.

    Not secrets even where a hidden file repeats them: what the course publishes anyway (the stub, the
    README), the grader's own code and wording (shipped on purpose as _feedback/), and message text of the
    public checks (the same words as the report, by design: the hidden checks take the sentences they share,
    the known mistakes' among them, from public/checks.py).  Code of the public checks is written on its
    own: a line of it equal to a line of the hidden checks counts as a leak.  What the notebook's check cell
    carries is scanned unpacked.
    """
    folder = ROOT / "assignments" / name
    public = set(public_ids(dist, name))
    entry = tomllib.loads((folder / "assignment.toml").read_text("utf-8"))["entry"]
    published = {line.strip() for p in (folder / "README.md", folder / entry) for line in _lines(p)}
    grader_source = [p.read_text("utf-8") for p in (ROOT / "grader").rglob("*.py")]
    published |= {line.strip() for text in grader_source for line in text.splitlines()}
    grader_words = "".join(grader_source)
    secret_files = sorted(p for root in (folder / "hidden", ROOT / "solutions" / name) for p in root.rglob("*")
                          if p.is_file() and "__pycache__" not in p.parts)
    assert any(p.name == "reference.py" for p in secret_files) and any(p.suffix == ".py" for p in secret_files)
    config_lines, config_values = _config_secrets(folder / "assignment.toml", public)
    secret_lines = {line.strip() for p in secret_files for line in _lines(p)} | {l.strip() for l in config_lines}
    secret_lines = {s for s in secret_lines if len(s) >= 30 and s not in published}
    secret_strings = {s for s in _mistake_texts(name) | set(config_values)
                      if len(s) >= 12 and s not in grader_words and not any(s in line for line in published)}
    assert len(secret_lines) > 50 and secret_strings  # the scan has something to find

    shipped = {f"dir:{f}": b for f, b in files_of(dist / name).items()}
    with zipfile.ZipFile(dist / f"{name}.zip") as z:
        shipped |= {f"zip:{n}": z.read(n) for n in z.namelist()}
    shipped |= {f"notebook:{n}": b for n, b in embedded_files(handout_notebook(dist, name)).items()}
    assert any(w.startswith("notebook:_feedback/public/") for w in shipped)  # what the check cell carries, unpacked
    leaks = []
    for where, data in shipped.items():
        text = data.decode("utf-8")
        views = [text]
        if where.endswith(".ipynb"):  # the cells' text too, not only their JSON-escaped form
            views.append("\n".join(c.source for c in nbformat.reads(text, as_version=4).cells))
        for view in views:
            for line in view.splitlines():
                glue = line.strip().split(" = ")  # the notebook's own `Cls.method = method` lines
                if line.strip() in secret_lines and not (len(glue) == 2 and glue[0].endswith("." + glue[1])):
                    leaks.append((where, line.strip()))
            leaks += [(where, s) for s in secret_strings if s in view]
        parts = where.split(":", 1)[1].split("/")
        assert not {"hidden", "solutions", "mutants", "reference.py"} & set(parts), where
        assert not any(p.startswith("test_") for p in parts), where
    assert not leaks, sorted({(w.split(":", 1)[1], s) for w, s in leaks})


# -- the notebook, filled in, gets full marks ---------------------------------------------------------
def fill(nb: nbformat.NotebookNode, solution: str) -> None:
    """Replaces every method (or function) in the notebook's code cells by the solution's, in place.

    What else the solution has at top level (its imports, a constant, a helper function) goes at the end
    of the first code cell, so the cells below can use it.
    """
    tree, lines = ast.parse(solution), solution.splitlines()
    cells = [c for c in nb.cells if c.cell_type == "code" and not any(l.startswith("%") for l in c.source.splitlines())
             and "_CHECKER = " not in c.source]
    in_notebook = {n.name for c in cells for n in ast.walk(ast.parse(c.source))
                   if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    code, extras = {}, []
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) or \
                (isinstance(node, ast.If) and "__main__" in ast.unparse(node.test)):
            continue  # the docstring, the __main__ block
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in in_notebook:
            for d in (node.body if isinstance(node, ast.ClassDef) else [node]):
                if isinstance(d, ast.FunctionDef):
                    code[d.name] = textwrap.dedent("\n".join(lines[d.lineno - 1:d.end_lineno]))
        else:
            extras.append("\n".join(lines[node.lineno - 1:node.end_lineno]))
    for cell in cells:
        src = cell.source.split("\n")
        defs = [n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.FunctionDef) and n.name in code]
        for d in sorted(defs, key=lambda n: -n.lineno):
            src[d.lineno - 1:d.end_lineno] = textwrap.indent(code[d.name], " " * d.col_offset).split("\n")
        cell.source = "\n".join(src)
    cells[0].source += "\n\n" + "\n\n".join(extras)


def handout_notebook(dist: Path, name: str) -> nbformat.NotebookNode:
    entry = tomllib.loads((ROOT / "assignments" / name / "assignment.toml").read_text("utf-8"))["entry"]
    return nbformat.read(str(dist / name / f"{Path(entry).stem}.ipynb"), as_version=4)


def corpus(dist: Path, name: str, folder: Path) -> list[Path]:
    """A class to grade: the handout's notebook filled with the reference solution (``filled.ipynb``), and
    wrong files for the public checks.

    neural_network: tests/data/handout/wrong/ (one mistake each, aimed at the public checks), the stub as
    .py and as the handout's notebook, a syntax error, and the notebook filled in with one wrong method.
    Other assignments: their mutants that must fail a public check, their stub and their notebook.
    """
    folder.mkdir()
    a = tomllib.loads((ROOT / "assignments" / name / "assignment.toml").read_text("utf-8"))
    stem = Path(a["entry"]).stem
    nb = handout_notebook(dist, name)
    fill(nb, (ROOT / "solutions" / name / a["entry"]).read_text("utf-8"))
    nbformat.write(nb, str(folder / "filled.ipynb"))
    (folder / f"{stem}_notebook.ipynb").write_bytes((dist / name / f"{stem}.ipynb").read_bytes())
    files = [ROOT / "assignments" / name / a["entry"]]
    if name == "neural_network":
        files += sorted((DATA / "wrong").glob("*.py")) + [ROOT / "tests" / "data" / "submissions" / "syntax_error.py"]
        nb = handout_notebook(dist, name)
        fill(nb, (DATA / "wrong" / "sigmoid_sign.py").read_text("utf-8"))
        nbformat.write(nb, str(folder / "notebook_sigmoid_sign.ipynb"))
    elif (ROOT / "solutions" / name / "mutants.toml").is_file():
        public = set(public_ids(dist, name))
        mutants = tomllib.loads((ROOT / "solutions" / name / "mutants.toml").read_text("utf-8"))
        files += [ROOT / "solutions" / name / "mutants" / m.get("file", f"{stem}.py") for stem, m in mutants.items()
                  if isinstance(m["fails"], list) and public & set(m["fails"])]
    for i, f in enumerate(files):
        (folder / f"{f.stem}_{i}{f.suffix}").write_bytes(f.read_bytes())
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def class_checked(dist, tmp_path_factory):
    """name -> (files, reports by student, the handout's verdicts, `make check`'s verdicts), made once.

    The reports are what `make grade` runs (python -m grader on the folder); the handout's check.py runs
    meanwhile, in a process of its own outside the repository, and `make check` in this process.
    """
    done = {}

    def get(name: str):
        if name not in done:
            tmp = tmp_path_factory.mktemp(name)
            files = corpus(dist, name, tmp / "class")
            grading = subprocess.Popen([sys.executable, "-m", "grader", "--assignment", str(ROOT / "assignments" / name),
                                        "--submissions", str(tmp / "class"), "--reports", str(tmp / "reports"),
                                        "--quiet"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            checked = [f for f in files if f.name != "filled.ipynb"]
            student_side = run_public(dist, checked, tmp, name=name)["verdicts"]
            ta_side = {}
            for f in checked:
                out = io.StringIO()
                with redirect_stdout(out):
                    handout.check(ROOT / "assignments" / name, [str(f), "--json"])
                ta_side[str(f)] = json.loads(out.getvalue())
            log, _ = grading.communicate(timeout=300)
            assert grading.returncode == 0, log
            reports = {p.stem: json.loads(p.read_text("utf-8")) for p in (tmp / "reports").glob("*.json")}
            done[name] = (checked, reports, student_side, ta_side)
        return done[name]

    return get


@pytest.mark.parametrize("name", WITH_PUBLIC)
def test_the_notebook_filled_with_the_reference_solution_gets_full_marks(class_checked, name):
    report = class_checked(name)[1]["filled"]
    assert report["score"] == report["max_score"] > 0, [t for t in report["tests"] if t["status"] != "passed"]
    assert report["grader"]["record"]["load_warnings"] == []   # the %run cell is not run by the grader
    assert report["grader"]["record"]["output"] == ""


# -- the public checks: what they need, and that they say what the report says -----------------------
def run_public(dist: Path, files: list[Path], cwd: Path, without: str = "grader,pytest,jinja2",
               name: str = "neural_network") -> dict:
    p = subprocess.run([sys.executable, "-I", str(DATA / "run_public.py"), "--without", without, str(dist / name),
                        *map(str, files)], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


PRINTED = re.compile(r"Your code printed \d+ lines? while it was checked|검사하는 동안 코드가 \d+줄을 출력했습니다")


def summary_last(lines: list[str]) -> list[str]:
    """The lines without the note on what the code printed (or warned), which follows the summary when there is some."""
    return lines[:-1] if lines and PRINTED.match(lines[-1]) else lines


def test_check_py_runs_in_the_handout_alone_with_numpy_only(dist, tmp_path):
    stub, reference = NN / "neural_network.py", ROOT / "solutions" / "neural_network" / "neural_network.py"
    ran = run_public(dist, [stub, reference], tmp_path, "grader,pytest,jinja2,nbformat")
    assert {m for m in ran["imported"] if m not in sys.stdlib_module_names} == {"_feedback", "submission"}
    stub_v, ref_v = ran["verdicts"][str(stub)], ran["verdicts"][str(reference)]
    assert ref_v["passed"] and ref_v["status"] == 0 and len(ref_v["checks"]) == len(public_ids(dist, "neural_network"))
    assert stub_v["status"] == 1 and not any(c["passed"] for c in stub_v["checks"])
    assert all("NotImplementedError" in c["message"]["en"] for c in stub_v["checks"])


def test_check_py_in_a_terminal_prints_a_line_per_check_and_a_summary(dist, tmp_path):
    n = len(public_ids(dist, "neural_network"))
    p = subprocess.run([sys.executable, "-I", str(dist / "neural_network" / "check.py"),
                        str(DATA / "wrong" / "sigmoid_sign.py"), "--lang", "en"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 1, p.stderr
    lines = summary_last(p.stdout.splitlines())  # numpy warns of overflows in exp, which count as printed
    assert lines[0] == "sigmoid_sign.py"
    assert "✔ init.shapes  Weights and biases have the right shapes" in lines
    failed = lines.index("✘ sigmoid.values  sigmoid values for scalars, vectors and matrices")
    assert lines[failed + 1:failed + 3] == [
        "    sigmoid of a scalar:",
        "    sigmoid(2.): 1 of 1 entries differ (at [] expected 0.880797, got 0.119203). Largest absolute error "
        "0.761594, largest relative error 0.864665."]
    passed = sum(line.startswith("✔ ") for line in lines)
    assert passed + sum(line.startswith("✘ ") for line in lines) == n
    assert lines[-1] == f"{passed} of {n} public checks passed."
    ko = subprocess.run([sys.executable, "-I", str(dist / "neural_network" / "check.py"), "neural_network.py"],
                        cwd=dist / "neural_network", capture_output=True, text=True, timeout=60)
    assert ko.returncode == 1 and ko.stdout.splitlines()[-1] == f"공개 검사 {n}개 중 0개를 통과했습니다."


def test_check_py_help_says_run_dash_i_as_jupyter_takes_it(dist):
    p = subprocess.run([sys.executable, "-I", str(dist / "neural_network" / "check.py"), "--help"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    said = " ".join(p.stdout.split())
    assert "%run -i check.py" in said and "%%" not in said
    assert "neural_network.ipynb" in said and "stub" in said  # what it checks without FILE


def test_a_warning_repeated_on_one_line_is_shown_once(dist, tmp_path):
    """Two statements on one line that fail alike make one note, not two."""
    path = tmp_path / "twice.py"
    reference = (ROOT / "solutions" / "neural_network" / "neural_network.py").read_text("utf-8").split("if __name__")[0]
    path.write_text(reference + "\nprint(undefined_a); print(undefined_a)\nprint(undefined_b)\n", "utf-8")
    p = subprocess.run([sys.executable, "-I", str(dist / "neural_network" / "check.py"), str(path), "--lang", "en"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60)
    notes = [line.strip() for line in p.stdout.splitlines() if line.strip().startswith("Note: ")]
    at = path.read_text("utf-8").splitlines().index("print(undefined_a); print(undefined_a)") + 1
    assert notes == [
        f"Note: At line {at}, top-level code raised NameError: name 'undefined_a' is not defined (grading went on "
        "without it).",
        f"Note: At line {at + 1}, top-level code raised NameError: name 'undefined_b' is not defined (grading went on "
        "without it)."], p.stdout
    assert p.returncode == 0, p.stdout
    graded = grade(assignment.load(NN), Submission("twice", path))  # the report says it once too
    assert ["Note: " + w.en for w in graded.load_warnings] == notes


def test_the_summary_says_how_many_lines_the_code_printed(dist, tmp_path):
    """What the student's code prints while it is checked is kept aside: the summary says how much, once."""
    reference = (ROOT / "solutions" / "neural_network" / "neural_network.py").read_text("utf-8").split("if __name__")[0]
    quiet, loud = tmp_path / "quiet.py", tmp_path / "loud.py"
    quiet.write_text(reference, "utf-8")
    printing = "    def sigmoid(self, z):\n        print('z', z.shape if hasattr(z, 'shape') else z)\n"
    loud.write_text(reference.replace("    def sigmoid(self, z):\n", printing)
                    + "print('loaded')\nprint('two\\nlines')\n", "utf-8")
    out = {}
    for path in (quiet, loud):
        for lang in ("en", "ko"):
            p = subprocess.run([sys.executable, "-I", str(dist / "neural_network" / "check.py"), str(path),
                                "--lang", lang], cwd=tmp_path, capture_output=True, text=True, timeout=120)
            assert p.returncode == 0, p.stdout + p.stderr
            out[path.stem, lang] = p.stdout.splitlines()
    assert not any("printed" in line for line in out["quiet", "en"]) and "loaded" not in out["loud", "en"]
    said = re.fullmatch(r"Your code printed (\d+) lines while it was checked \(warnings included\); they are not "
                        r"shown here\.", out["loud", "en"][-1])
    assert said and int(said.group(1)) > 3, out["loud", "en"][-3:]
    assert out["loud", "en"][-2].startswith("All ") and sum("printed" in line for line in out["loud", "en"]) == 1
    assert out["loud", "ko"][-1] == f"검사하는 동안 코드가 {said.group(1)}줄을 출력했습니다(경고 포함). 출력 내용은 여기에 표시하지 " \
                                    "않습니다."


# -- check.py under the oldest Python students are promised ------------------------------------------
OLDEST = (3, 9)  # check.py and _feedback run from Python 3.9 on: the handout's promise to students
MAKE_OLDEST = ("set GRADER_OLDEST_PYTHON to a Python 3.9 with numpy (.ci/run makes one: python3.9 -m venv "
               ".venv-oldest && .venv-oldest/bin/pip install 'numpy<2.1'; "
               "GRADER_OLDEST_PYTHON=.venv-oldest/bin/python)")


@functools.lru_cache(maxsize=None)
def _oldest_problem(value: str) -> str | None:
    """What is wrong with GRADER_OLDEST_PYTHON=value, or None: it must be a Python 3.9 that imports numpy."""
    if not value:
        return f"GRADER_OLDEST_PYTHON is not set: {MAKE_OLDEST}"
    python = os.path.abspath(value)  # a relative path is from where pytest runs; a venv's symlink is kept
    if not (os.path.isfile(python) and os.access(python, os.X_OK)):
        return f"GRADER_OLDEST_PYTHON={value}: no such interpreter; {MAKE_OLDEST}"
    p = subprocess.run([python, "-I", "-c", "import sys; print(*sys.version_info[:2]); import numpy"],
                       capture_output=True, text=True, timeout=60)
    version = tuple(int(v) for v in p.stdout.split()[:2] if v.isdigit())
    if version != OLDEST:
        return (f"GRADER_OLDEST_PYTHON={value} is Python {'.'.join(map(str, version)) or '?'}, not "
                f"{'.'.join(map(str, OLDEST))}, the oldest check.py promises; {MAKE_OLDEST}")
    if p.returncode != 0:
        error = (p.stderr.strip().splitlines() or ["?"])[-1]
        return f"GRADER_OLDEST_PYTHON={value} cannot import numpy ({error}); {MAKE_OLDEST}"
    return None


def oldest_python() -> str:
    """The interpreter GRADER_OLDEST_PYTHON names; without a usable one the test is skipped (a TA's laptop) or,
    when the environment variable CI is set (.ci/run), fails."""
    value = os.environ.get("GRADER_OLDEST_PYTHON", "")
    problem = _oldest_problem(value)
    if problem is None:
        return os.path.abspath(value)
    missing(problem)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_check_py_under_the_oldest_promised_python_prints_what_it_prints_under_ours(dist, tmp_path, lang):
    """The handout's check.py (and _feedback) under Python 3.9 with numpy, as on a student's machine: the reference
    solution passes every public check (exit 0), a wrong file fails the one it aims at (exit 1), and stdout is
    byte for byte what the project's own Python prints, in English (--lang en) and by default in Korean."""
    oldest = oldest_python()
    check, n = dist / "neural_network" / "check.py", len(public_ids(dist, "neural_network"))
    reference, wrong = ROOT / "solutions" / "neural_network" / "neural_network.py", DATA / "wrong" / "sigmoid_sign.py"
    summary = {("en", "all"): f"All {n} public checks passed.", ("ko", "all"): f"공개 검사 {n}개를 모두 통과했습니다."}
    summary |= {("en", k): f"{k} of {n} public checks passed." for k in range(n)}
    summary |= {("ko", k): f"공개 검사 {n}개 중 {k}개를 통과했습니다." for k in range(n)}

    def run(python: str, file: Path) -> subprocess.CompletedProcess:
        return subprocess.run([python, "-I", str(check), str(file), *(["--lang", "en"] if lang == "en" else [])],
                              cwd=tmp_path, capture_output=True, encoding="utf-8", timeout=120)

    for file, status in ((reference, 0), (wrong, 1)):
        old, ours = run(oldest, file), run(sys.executable, file)
        assert (old.returncode, old.stderr) == (status, ""), (file.name, old.stdout, old.stderr)
        assert ours.returncode == status, (file.name, ours.stdout, ours.stderr)
        assert old.stdout == ours.stdout, file.name
        lines = summary_last(old.stdout.splitlines())
        passed, failed = [l for l in lines if l.startswith("✔ ")], [l for l in lines if l.startswith("✘ ")]
        assert lines[0] == file.name and len(passed) + len(failed) == n, lines
        assert lines[-1].startswith(summary[lang, "all"] if status == 0 else summary[lang, len(passed)]), lines
        assert (status == 0) == (not failed) and (status == 0 or "✘ sigmoid.values  " in " ".join(failed)), failed


def test_in_the_notebook_check_py_checks_the_cells_as_run(dist, tmp_path):
    """`%run -i check.py` runs check.py in the notebook's namespace: it checks the classes defined there, says so,
    and leaves nothing behind but them."""
    p = subprocess.run([sys.executable, "-I", str(DATA / "notebook_session.py"), str(dist / "neural_network"),
                        str(DATA / "wrong" / "sigmoid_sign.py")], cwd=tmp_path, capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    lines = summary_last(lines[:-1]) + lines[-1:]
    assert lines[0] == jupyter.KERNEL.en
    assert "✘ sigmoid.values  sigmoid values for scalars, vectors and matrices" in lines
    n, passed = len(public_ids(dist, "neural_network")), sum(line.startswith("✔ ") for line in lines)
    assert 0 < passed < n and lines[-2] == f"{passed} of {n} public checks passed."
    assert lines[-1] == "left in the namespace: NeuralNetwork, np"


@pytest.mark.parametrize("name", WITH_PUBLIC)
def test_the_public_checks_say_what_the_report_says_for_the_same_files(dist, class_checked, name):
    """For every file, each public check passes or fails as the graded check of its id, with the same words.

    The report's message may go on with a "Likely mistake" line where the public checks do not name the known
    mistakes (their module's NAMES_MISTAKES); up to there the two are equal, in English and in Korean.  A check
    on inputs of its own (PUBLIC_INPUTS) quotes other numbers: there the likely mistakes must be the same; a check
    judged after others (JUDGED_AFTER) must agree once those pass in the report.  Three runs: the report (`make
    grade`), the handout's check.py (the student's code in its own process) and `make check` (sandboxed).
    """
    files, reports, student_side, ta_side = class_checked(name)
    ids = public_ids(dist, name)
    checks = _public_module(name)  # what its author says of the comparison:
    public_inputs = set(getattr(checks, "PUBLIC_INPUTS", ()))         # other inputs, so other numbers in the words
    judged_after = dict(getattr(checks, "JUDGED_AFTER", {}))          # the same verdict once these pass
    names_mistakes = bool(getattr(checks, "NAMES_MISTAKES", False))   # the report's likely mistakes, all of them
    compared = 0
    for f in files:
        record = from_dict(reports[f.stem])
        graded_checks = {c.id: c for c in record.checks}
        assert student_side[str(f)]["printed"] == ta_side[str(f)]["printed"], f.name  # prints and warnings alike
        for verdict in (student_side[str(f)], ta_side[str(f)]):
            if record.problem is not None:
                assert verdict["problem"] == asdict(NOT_GRADABLE + record.problem) and verdict["checks"] == [], f.name
                continue
            assert [c["id"] for c in verdict["checks"]] == ids
            for c in verdict["checks"]:
                g = graded_checks[c["id"]]
                if all(graded_checks[a].status == "passed" for a in judged_after.get(c["id"], ())):
                    assert c["passed"] == (g.status == "passed"), (f.name, c["id"], g.message.en)
                for lang, sep in zip(("en", "ko"), LIKELY):
                    said, mine = g.full_message.get(lang), c["message"][lang]  # the report's, likely mistakes last
                    if c["id"] in public_inputs:
                        if names_mistakes and not c["passed"] and g.status != "passed":
                            likely = sep.strip("\n")
                            assert [l for l in said.splitlines() if l.startswith(likely)] == \
                                   [l for l in mine.splitlines() if l.startswith(likely)], (f.name, c["id"], lang)
                    elif names_mistakes:
                        assert said == mine, (f.name, c["id"], lang, said, mine)
                    else:
                        assert said == mine or said.startswith(mine + sep), (f.name, c["id"], lang, said, mine)
                compared += not c["passed"]
    assert compared >= 2 * len(files)  # most files fail some public check: the words were compared


def test_a_time_out_and_a_method_not_called_again_read_as_in_the_report():
    """The student's machine (LocalModule: SIGPROF for CPU time, SIGALRM for real time) and the sandbox (CPU
    time read from /proc) judge and word time-outs the same."""
    source = extract(DATA / "init_endless.py")
    checks = selfcheck.load_checks(NN / "public" / "checks.py")
    in_process = selfcheck.check_source(source, checks, lambda s: local.LocalModule(s, call_timeout=0.5,
                                                                                   wall_factor=4.0, wall_slack=10.0))
    from grader.sandbox import StudentModule
    sandboxed = selfcheck.check_source(source, checks, lambda s: StudentModule(
        s.text, s.filename, Limits(call_timeout=0.5), 10.0, ("NeuralNetwork",)))
    assert [(r.check_id, r.message) for r in in_process.results] == [(r.check_id, r.message)
                                                                      for r in sandboxed.results]
    first, second = in_process.results[0].message, in_process.results[1].message
    assert first.en == ("Timed out: your code used up its 0.5 s of CPU time while the grader called "
                        "NeuralNetwork([4, 3, 2, 1]). Is there an endless loop?")
    assert first.ko == ("시간 초과: 허용된 CPU 시간 0.5초를 다 썼습니다 (채점기가 NeuralNetwork([4, 3, 2, 1])을(를) 호출하는 "
                        "중). 끝나지 않는 반복문이 있지 않나요?")
    assert second.en.startswith("Timed out: NeuralNetwork already ran past the 0.5 s limit in an earlier check")


def test_check_py_ends_a_sleeping_call_at_the_real_time_bound(tmp_path):
    """Code that sleeps uses no CPU: check.py's real-time backstop ends it, and says so."""
    path = tmp_path / "sleeper.py"
    path.write_text("import time\n\nclass NeuralNetwork:\n    def __init__(self, cf):\n        time.sleep(60)\n", "utf-8")
    module = local.LocalModule(extract(path), call_timeout=0.2, wall_factor=2.0, wall_slack=0.3, required=["NeuralNetwork"])
    module.load()
    with pytest.raises(local.StudentTimeout) as info:
        module.new("NeuralNetwork", [4, 3, 2, 1])
    assert (info.value.limit, info.value.seconds) == ("wall", 0.5)


def test_values_cross_the_same_codec_as_from_the_sandbox():
    module = local.LocalModule(namespace={"f": lambda x: x, "g": lambda: {1, 2}, "h": lambda: np.float32(2)})
    module.load()
    out = np.ones((2, 2))
    got = module.call("f", out)
    assert type(got) is np.ndarray and got is not out and np.array_equal(got, out)
    assert type(module.call("h")) is float
    with pytest.raises(StudentBadValue) as info:
        module.call("g")
    assert str(info.value) == "returned a value of type builtins.set that is not plain data: value of type set cannot be sent"


@pytest.mark.parametrize("name,tables", [("neural_network", {"SIGMOID": "sigmoid"}),
                                         ("activations", {"SIGMOID": "sigmoid", "TANH": "tanh", "RELU": "relu"})])
def test_the_public_expected_values_are_the_references(name, tables):
    if name not in WITH_PUBLIC:
        pytest.skip(f"{name} has no public checks")
    reference = _load(ROOT / "assignments" / name / "hidden" / "reference.py", f"_ref_{name}")
    public = _public_module(name)
    for table, fn in tables.items():
        for z, expected in getattr(public, table):
            assert np.allclose(getattr(reference, fn)(np.asarray(z, float)), expected, rtol=1e-12, atol=0)


def test_make_has_the_handout_and_check_targets():
    for target, expect in (("handout", "grader.handout build --assignment assignments/neural_network"),
                           ("check FILE=x.py", "grader.handout check --assignment assignments/neural_network")):
        p = subprocess.run(["make", "-n", *target.split()], cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert p.returncode == 0 and expect in p.stdout, p.stdout + p.stderr


# -- without FILE: the file the student worked in ------------------------------------------------------------
CHOSE_NOTEBOOK = "neural_network.py is still the stub handed out, so neural_network.ipynb was checked."

def _check_py(folder: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-I", str(folder / "check.py"), *args], cwd=cwd or folder,
                          capture_output=True, text=True, timeout=120)


def test_without_file_check_py_checks_the_py_once_edited_else_the_notebook(dist, tmp_path):
    """The stub untouched: the notebook (here filled in, so every check passes); the .py edited: the .py. The
    first line says which and why, in either language; a stub saved with Windows line endings is still the stub."""
    folder = tmp_path / "handout"
    shutil.copytree(dist / "neural_network", folder)
    nb = handout_notebook(dist, "neural_network")
    fill(nb, (ROOT / "solutions" / "neural_network" / "neural_network.py").read_text("utf-8"))
    nbformat.write(nb, str(folder / "neural_network.ipynb"))
    n = len(public_ids(dist, "neural_network"))

    p, ko = _check_py(folder, "--lang", "en"), _check_py(folder)
    assert p.stdout.splitlines()[0] == CHOSE_NOTEBOOK
    assert ko.stdout.splitlines()[0] == "neural_network.py는 아직 처음 받은 스텁 그대로여서 neural_network.ipynb를 검사했습니다."
    assert (p.returncode, ko.returncode) == (0, 0) and p.stdout.count("✔ ") == n, p.stdout

    stub = (folder / "neural_network.py").read_bytes()
    (folder / "neural_network.py").write_bytes(stub.replace(b"\n", b"\r\n"))
    assert _check_py(folder, "--lang", "en").stdout.splitlines()[0].endswith("so neural_network.ipynb was checked.")

    (folder / "neural_network.py").write_bytes(stub.replace(b"raise NotImplementedError", b"pass  # TODO"))
    p, ko = _check_py(folder, "--lang", "en"), _check_py(folder)
    assert p.stdout.splitlines()[0] == ("neural_network.py has changed since the handout, so it was checked "
                                        "(python check.py neural_network.ipynb checks the notebook).")
    assert ko.stdout.splitlines()[0] == ("neural_network.py가 처음 받은 스텁에서 바뀌었으므로 이 파일을 검사했습니다 "
                                         "(노트북은 python check.py neural_network.ipynb로 검사합니다).")
    assert p.returncode == 1 and "✔ " not in p.stdout  # the edited .py was checked, not the filled notebook

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    p = _check_py(folder, "--lang", "en", cwd=elsewhere)  # nothing in the current folder: the files beside check.py
    assert p.stdout.startswith(f"{folder / 'neural_network.py'} has changed since the handout"), p.stdout

    (folder / "neural_network.py").unlink()
    p = _check_py(folder, "--lang", "en")
    assert p.stdout.splitlines()[0] == "There is no neural_network.py here, so neural_network.ipynb was checked."
    assert p.returncode == 0

    (folder / "neural_network.py").write_bytes(stub)
    (folder / "neural_network.ipynb").unlink()
    p = _check_py(folder, "--lang", "en")
    assert p.stdout.splitlines()[0] == ("neural_network.py is still the stub handed out, and there is no "
                                        "neural_network.ipynb here: the stub was checked.")
    assert p.returncode == 1

    p = _check_py(folder, "neural_network.py", "--lang", "en")  # a FILE named: its name, as before
    assert p.stdout.splitlines()[0] == "neural_network.py"


# -- check.py on a Python older than it supports ---------------------------------------------------------------
def _old_pythons() -> list[str]:
    """Interpreters older than 3.9 on this machine (pyenv's, or python3.N on PATH), one per minor version."""
    found = {}
    roots = [Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions", Path("/root/.pyenv/versions")]
    for minor in range(5, 9):
        candidates = [shutil.which(f"python3.{minor}") or ""]
        candidates += [str(p / "bin" / "python") for root in roots if root.is_dir()
                       for p in sorted(root.glob(f"3.{minor}.*"))]
        for python in candidates:
            if python and os.access(python, os.X_OK) and subprocess.run(
                    [python, "-c", f"import sys; sys.exit(sys.version_info[:2] != (3, {minor}))"],
                    capture_output=True, timeout=30).returncode == 0:
                found[minor] = python
                break
    return list(found.values())


def test_check_py_on_a_python_older_than_3_9_says_which_it_needs(dist, tmp_path):
    """One bilingual line and exit status 2, instead of "the public check itself failed" for every check."""
    pythons = _old_pythons()
    if not pythons:
        pytest.skip("no Python older than 3.9 on this machine (pyenv's or python3.N on PATH)")
    for python in pythons:
        version = subprocess.run([python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                                 capture_output=True, text=True, timeout=30).stdout.strip()
        p = subprocess.run([python, str(dist / "neural_network" / "check.py"), str(NN / "neural_network.py")],
                           cwd=tmp_path, capture_output=True, encoding="utf-8", timeout=60)
        assert (p.returncode, p.stderr) == (2, ""), (python, p.stdout, p.stderr)
        assert p.stdout.splitlines() == [
            f"check.py needs Python 3.9 or later; this is Python {version} ({python}). / check.py는 파이썬 3.9 이상에서 "
            f"실행됩니다. 지금 실행한 파이썬은 {version}입니다."], python


# -- the notebook alone: its last cell checks it, in a real kernel or a stand-in --------------------------------
RUN_NOTEBOOK = DATA / "run_notebook.py"


@functools.lru_cache(maxsize=None)
def jupyter_python() -> str | None:
    """A Python that can run a notebook in a real IPython kernel (nbclient, ipykernel, nbformat, numpy): the project's
    own, GRADER_JUPYTER_PYTHON, or bench/.venv-nbgrader's (`make bench` makes it); None when there is none."""
    for python in (sys.executable, os.environ.get("GRADER_JUPYTER_PYTHON", ""),
                   str(ROOT / "bench" / ".venv-nbgrader" / "bin" / "python")):
        if python and os.access(python, os.X_OK) and subprocess.run(
                [python, "-c", "import nbclient, ipykernel, nbformat, numpy"], capture_output=True,
                timeout=60).returncode == 0:
            return python
    return None


@pytest.fixture(params=["stand-in", "kernel"])
def run_cells(request, tmp_path):
    """run_cells(notebook, session=None) -> the code cells' outputs (run_notebook.py), in the notebook's folder; with
    ``session``, Jupyter's JPY_SESSION_NAME.  The kernel's temporary folder is a fresh one, empty again after."""
    if request.param == "kernel":
        python = jupyter_python()
        if python is None:
            missing("no Python with nbclient and ipykernel here (set GRADER_JUPYTER_PYTHON, or make bench); the "
                    "stand-in ran instead")
    else:
        python = sys.executable
    temp = tmp_path / "kernel-tmp"
    temp.mkdir()

    def run(notebook: Path, session: str | None = None) -> list[dict]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JPY_", "JUPYTER_", "PYTHON"))}
        env |= {"TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
        env |= {"JPY_SESSION_NAME": session} if session else {}
        p = subprocess.run([python, str(RUN_NOTEBOOK), notebook.name, f"--{request.param}"], cwd=notebook.parent,
                           env=env, capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr
        assert list(temp.iterdir()) == [], "the check cell left its temporary folder behind"
        return json.loads(p.stdout)

    run.how = request.param
    return run


def _filled(dist: Path, folder: Path, solution: Path, name: str = "neural_network.ipynb", lang: str = "ko",
            before: str = "", after: str = "") -> Path:
    """The handout's notebook filled with ``solution``, alone in ``folder``; a cell of ``before`` just above the check
    cell and one of ``after`` below it, if given."""
    folder.mkdir(exist_ok=True)
    nb = handout_notebook(dist, "neural_network")
    fill(nb, solution.read_text("utf-8"))
    check = nb.cells.pop()
    check.source = check.source.replace('_public_checks(lang="ko")', f'_public_checks(lang="{lang}")')
    nb.cells += ([nbformat.v4.new_code_cell(before)] if before else []) + [check]
    nb.cells += [nbformat.v4.new_code_cell(after)] if after else []
    nbformat.write(nb, str(folder / name))
    return folder / name


def _no_exception(cells: list[dict]) -> None:
    for c in cells:
        assert not c["errors"], c["errors"]
        assert "Traceback" not in c["text"] and "SystemExit" not in c["text"], c["text"]


def _check_lines(text: str) -> list[str]:
    """The checks' lines with their messages, and the summary: from the first mark to the count."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(("✔ ", "✘ ")))
    last = next(i for i, line in enumerate(lines) if re.match(r"(All \d+|\d+ of \d+|공개 검사 \d+개)", line))
    return lines[first:last + 1]


def test_the_notebook_alone_in_an_empty_folder_checks_itself(dist, tmp_path, run_cells):
    """Only the .ipynb, filled with the reference, in an empty folder (as uploaded to Colab): the last cell passes every
    public check, says which code it checked, leaves no file and no exception, and leaves numpy's random state as
    the cells before it set it."""
    notebook = _filled(dist, tmp_path / "alone", ROOT / "solutions" / "neural_network" / "neural_network.py",
                       before="np.random.seed(1234)", after="print('next draw', np.random.rand())")
    cells = run_cells(notebook)
    _no_exception(cells)
    ids, n = public_ids(dist, "neural_network"), len(public_ids(dist, "neural_network"))
    out = cells[-2]["text"].splitlines()
    assert out[0] == jupyter.KERNEL.ko
    assert [line for line in out if line.startswith(("✔ ", "✘ "))] == [
        f"✔ {i}  {spec['name_ko']}" for i, spec in json.loads(
            (dist / "neural_network" / "_feedback" / "assignment.json").read_text("utf-8"))["checks"].items()]
    assert len(ids) == n and out[-1].startswith(f"공개 검사 {n}개를 모두 통과했습니다.")
    assert cells[-1]["text"] == f"next draw {np.random.RandomState(1234).rand()}\n"
    assert sorted(p.name for p in notebook.parent.iterdir()) == ["neural_network.ipynb"]


@pytest.mark.parametrize("mistake", ["missing_m_all", "sigmoid_sign"])
def test_the_notebook_alone_shows_a_failed_check_as_check_py_does(dist, tmp_path, run_cells, mistake):
    """A wrong update (no / m) or a wrong sigmoid, in the notebook alone: the last cell shows the failed checks with
    the words check.py prints for the same code as a .py file, and no exception."""
    solution = {"missing_m_all": ROOT / "solutions" / "neural_network" / "mutants" / "missing_m_all.py",
                "sigmoid_sign": DATA / "wrong" / "sigmoid_sign.py"}[mistake]
    cells = run_cells(_filled(dist, tmp_path / "alone", solution, lang="en"))
    _no_exception(cells)
    said = _check_lines(cells[-1]["text"])
    as_file = _check_lines(_check_py(dist / "neural_network", str(solution), "--lang", "en", cwd=tmp_path).stdout)
    assert said == as_file
    failed = {line.split()[1] for line in said if line.startswith("✘ ")}
    aimed_at = {"missing_m_all": {"update.output_delta", "update.hidden_deltas", "update.gradient_check"},
                "sigmoid_sign": {"sigmoid.values"}}[mistake]
    assert aimed_at <= failed, failed
    n = len(public_ids(dist, "neural_network"))
    assert said[-1] == f"{n - len(failed)} of {n} public checks passed."


def test_the_notebook_checks_its_saved_file_where_jupyter_names_it(dist, tmp_path, run_cells):
    """With JPY_SESSION_NAME (what Jupyter Server gives a notebook's kernel): the saved file is checked, as the grader
    reads it, and the last line compares it with the code the kernel ran; unsaved changes are named by check."""
    folder = tmp_path / "work"
    notebook = _filled(dist, folder, ROOT / "solutions" / "neural_network" / "neural_network.py", lang="en")
    saved_wrong = _filled(dist, folder, DATA / "wrong" / "sigmoid_sign.py", name="saved.ipynb", lang="en")

    out = run_cells(notebook, session=str(notebook))[-1]["text"].splitlines()
    assert re.fullmatch(r"Checked: the saved file neural_network\.ipynb \(saved \d\d:\d\d:\d\d\), run from the first "
                        r"cell to the last as the grader reads it\. Changes you have not saved are not in it\.", out[0])
    assert out[-1] == jupyter.SAME.en and out[-3].startswith("All ")

    cells = run_cells(notebook, session="saved.ipynb")  # a relative name, as older Jupyter servers give it
    _no_exception(cells)
    out = cells[-1]["text"].splitlines()
    assert out[0].startswith("Checked: the saved file saved.ipynb (saved ")
    assert "✘ sigmoid.values  sigmoid values for scalars, vectors and matrices" in out
    assert _check_lines(cells[-1]["text"]) == _check_lines(_check_py(dist / "neural_network", str(saved_wrong),
                                                                     "--lang", "en", cwd=tmp_path).stdout)
    differ = re.fullmatch(r"The code your kernel holds now \(the cells you have run\) gives other results: (.*)\. The "
                          r"saved file is what you submit: save the notebook \(Ctrl\+S\) and run this cell again; if "
                          r"they still differ, use Kernel → Restart & Run All\.", out[-1])
    failed = [line.split()[1] for line in out if line.startswith("✘ ")]
    assert differ and differ.group(1) == ", ".join(f"✔ {i}" for i in failed), out[-1]


def test_in_the_notebook_check_py_and_the_last_cell_end_in_no_exception(dist, tmp_path, run_cells):
    """In the handout folder: `%run check.py` (the file: the notebook, as the stub is untouched), `%run -i check.py`
    before and after the check cell (which unloads its _feedback), --help, a wrong --lang and a missing file: never a
    traceback or SystemExit, and nothing left in the notebook's namespace but the student's names."""
    folder = tmp_path / "handout"
    shutil.copytree(dist / "neural_network", folder)
    nb = handout_notebook(dist, "neural_network")
    fill(nb, (ROOT / "solutions" / "neural_network" / "neural_network.py").read_text("utf-8"))
    runs = ["%run check.py --lang en", "%run -i check.py --lang en", "%run -i check.py --help",
            "%run -i check.py --lang fr", "%run check.py missing.py"]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in runs] + [nbformat.v4.new_code_cell(nb.cells[-1].source)]
    nb.cells += [nbformat.v4.new_code_cell("%run -i check.py --lang en"),
                 nbformat.v4.new_code_cell("print(sorted(k for k in globals() if not k.startswith('_')))")]
    nbformat.write(nb, str(folder / "neural_network.ipynb"))
    cells = run_cells(folder / "neural_network.ipynb")
    _no_exception(cells)
    n = len(public_ids(dist, "neural_network"))
    texts = [c["text"] for c in cells[-8:]]  # the cells added above, in their order
    assert texts[0].splitlines()[0] == CHOSE_NOTEBOOK
    for i in (0, 1, 5, 6):
        assert f"All {n} public checks passed." in texts[i] or f"공개 검사 {n}개를 모두 통과했습니다." in texts[i], texts[i]
    assert texts[1].splitlines()[0] == texts[6].splitlines()[0] == jupyter.KERNEL.en
    assert texts[5].splitlines()[0] == jupyter.KERNEL.ko
    assert "%run -i check.py" in " ".join(texts[2].split()) and "invalid choice: 'fr'" in texts[3]
    assert texts[4].startswith("error: no file missing.py")
    assert texts[7] == "['In', 'NeuralNetwork', 'Out', 'exit', 'forward', 'get_ipython', 'np', " + \
        ("'open', " if run_cells.how == "kernel" else "") + "'quit', 'sigmoid', 'update']\n"


def test_the_last_cell_run_first_says_to_run_the_cells_above(dist, tmp_path, run_cells):
    """A kernel just started, and only the last cell run: no "not gradable", but what to do."""
    nb = handout_notebook(dist, "neural_network")
    nb.cells = [c for c in nb.cells if c.cell_type == "markdown" or "_CHECKER = " in c.source]
    (tmp_path / "alone").mkdir()
    nbformat.write(nb, str(tmp_path / "alone" / "neural_network.ipynb"))
    cells = run_cells(tmp_path / "alone" / "neural_network.ipynb")
    _no_exception(cells)
    assert cells[-1]["text"].splitlines() == [
        jupyter.KERNEL.ko, "", "  " + jupyter.NOT_RUN.ko.format(names="NeuralNetwork"), "", jupyter.NOT_RUN_SUMMARY.ko]


def test_the_notebook_file_is_found_where_the_front_end_names_it(tmp_path, monkeypatch):
    """VS Code's __vsc_ipynb_file__ first, then ipykernel's __session__, then JPY_SESSION_NAME (a full path, or one
    relative to the server's folder: the kernel's folder then holds the notebook); nothing that is not an existing
    .ipynb file."""
    (tmp_path / "a.ipynb").write_text("{}", "utf-8")
    (tmp_path / "b.ipynb").write_text("{}", "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert jupyter.saved_notebook({}) is None
    assert jupyter.saved_notebook({"__session__": str(tmp_path / "a.ipynb")}) == tmp_path / "a.ipynb"
    assert jupyter.saved_notebook({"__vsc_ipynb_file__": str(tmp_path / "b.ipynb"),
                                  "__session__": str(tmp_path / "a.ipynb")}) == tmp_path / "b.ipynb"
    assert jupyter.saved_notebook({"__session__": "course/week9/a.ipynb"}) == tmp_path / "a.ipynb"
    assert jupyter.saved_notebook({"__session__": str(tmp_path / "gone.ipynb")}) is None
    assert jupyter.saved_notebook({"__session__": "console-1-3f2a"}) is None
    monkeypatch.setenv("JPY_SESSION_NAME", "b.ipynb")
    assert jupyter.saved_notebook({"__vsc_ipynb_file__": "Untitled-1.ipynb"}) == tmp_path / "b.ipynb"
