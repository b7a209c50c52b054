"""The handout (`make handout`): what is in it, that nothing hidden is, and that its checks say what the report says."""
from __future__ import annotations

import ast
import functools
import importlib.util
import io
import json
import os
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
from grader import handout
from grader.feedback import local, selfcheck
from grader.feedback.faults import StudentBadValue
from grader.feedback.source import extract
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
    with zipfile.ZipFile(dist / f"{name}.zip") as z:
        assert {n: z.read(n) for n in z.namelist()} == {f"{name}/{f}": b for f, b in files.items()}


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
    assert code[-1].splitlines()[-1] == "%run -i check.py"
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


def _mistake_texts(name: str) -> set[str]:
    """Every Text the hidden modules keep at module level (STEP_TEXT, FORWARD_TEXT, the mistake tables, ...)."""
    out = set()
    for path in sorted((ROOT / "assignments" / name / "hidden").glob("*.py")):
        for value in vars(_load(path, f"_leak_{name}_{path.stem}")).values():
            out.update(_texts(value))
    return out


@pytest.mark.parametrize("name", WITH_PUBLIC)
def test_no_byte_of_the_hidden_checks_solutions_hidden_config_or_mistake_tables_is_in_the_handout(dist, name):
    """Every line (30+ characters) of hidden/, solutions/ and the config's hidden tables, and every text of the
    hidden checks' mistake tables, is looked for in every file of the handout and of its zip.

    Not secrets even where a hidden file repeats them: what the course publishes anyway (the stub, the
    README), the grader's own code and wording (shipped on purpose as _feedback/), and message text of the
    public checks (the same words as the report, by design).  Code of the public checks is written on its
    own: a line of it equal to a line of the hidden checks counts as a leak.
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
    assert len(secret_lines) > 50 and len(secret_strings) > 10  # the scan has something to find

    shipped = {f"dir:{f}": b for f, b in files_of(dist / name).items()}
    with zipfile.ZipFile(dist / f"{name}.zip") as z:
        shipped |= {f"zip:{n}": z.read(n) for n in z.namelist()}
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
    cells = [c for c in nb.cells if c.cell_type == "code" and not any(l.startswith("%") for l in c.source.splitlines())]
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


def test_check_py_runs_in_the_handout_alone_with_numpy_only(dist, tmp_path):
    stub, reference = NN / "neural_network.py", ROOT / "solutions" / "neural_network" / "neural_network.py"
    ran = run_public(dist, [stub, reference], tmp_path, "grader,pytest,jinja2,nbformat")
    assert {m for m in ran["imported"] if m not in sys.stdlib_module_names} == {"_feedback", "submission"}
    stub_v, ref_v = ran["verdicts"][str(stub)], ran["verdicts"][str(reference)]
    assert ref_v["passed"] and ref_v["status"] == 0 and len(ref_v["checks"]) == len(public_ids(dist, "neural_network"))
    assert stub_v["status"] == 1 and not any(c["passed"] for c in stub_v["checks"])
    assert all("NotImplementedError" in c["message"]["en"] for c in stub_v["checks"])


def test_check_py_in_a_terminal_prints_a_line_per_check_and_a_summary(dist, tmp_path):
    p = subprocess.run([sys.executable, "-I", str(dist / "neural_network" / "check.py"),
                        str(DATA / "wrong" / "sigmoid_sign.py"), "--lang", "en"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 1, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "sigmoid_sign.py"
    assert "✔ init.shapes  Weights and biases have the right shapes" in lines
    failed = lines.index("✘ sigmoid.values  sigmoid values for scalars, vectors and matrices")
    assert lines[failed + 1:failed + 3] == [
        "    sigmoid of a scalar:",
        "    sigmoid(2.): 1 of 1 entries differ (at [] expected 0.880797, got 0.119203). Largest absolute error "
        "0.761594, largest relative error 0.864665."]
    assert lines[-1] == "4 of 5 public checks passed."
    ko = subprocess.run([sys.executable, "-I", str(dist / "neural_network" / "check.py"), "neural_network.py"],
                        cwd=dist / "neural_network", capture_output=True, text=True, timeout=60)
    assert ko.returncode == 1 and ko.stdout.splitlines()[-1] == "공개 검사 5개 중 0개를 통과했습니다."


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
    summary = {("en", 0): f"All {n} public checks passed.", ("ko", 0): f"공개 검사 {n}개를 모두 통과했습니다.",
               ("en", 1): f"{n - 1} of {n} public checks passed.", ("ko", 1): f"공개 검사 {n}개 중 {n - 1}개를 통과했습니다."}

    def run(python: str, file: Path) -> subprocess.CompletedProcess:
        return subprocess.run([python, "-I", str(check), str(file), *(["--lang", "en"] if lang == "en" else [])],
                              cwd=tmp_path, capture_output=True, encoding="utf-8", timeout=120)

    for file, status in ((reference, 0), (wrong, 1)):
        old, ours = run(oldest, file), run(sys.executable, file)
        assert (old.returncode, old.stderr) == (status, ""), (file.name, old.stdout, old.stderr)
        assert ours.returncode == status, (file.name, ours.stdout, ours.stderr)
        assert old.stdout == ours.stdout, file.name
        lines = old.stdout.splitlines()
        assert lines[0] == file.name and lines[-1].startswith(summary[lang, status]), lines
        passed, failed = [l for l in lines if l.startswith("✔ ")], [l for l in lines if l.startswith("✘ ")]
        assert (len(passed), len(failed)) == (n - status, status), lines
        assert all(l.startswith("✘ sigmoid.values  ") for l in failed), failed


def test_in_the_notebook_check_py_checks_the_cells_as_run(dist, tmp_path):
    """`%run -i check.py` runs check.py in the notebook's namespace: it checks the classes defined there."""
    p = subprocess.run([sys.executable, "-I", str(DATA / "notebook_session.py"), str(dist / "neural_network"),
                        str(DATA / "wrong" / "sigmoid_sign.py")], cwd=tmp_path, capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    assert "✘ sigmoid.values  sigmoid values for scalars, vectors and matrices" in p.stdout
    assert p.stdout.splitlines()[-2] == "4 of 5 public checks passed."
    assert p.stdout.splitlines()[-1] == "left in the namespace: NeuralNetwork, np"


@pytest.mark.parametrize("name", WITH_PUBLIC)
def test_the_public_checks_say_what_the_report_says_for_the_same_files(dist, class_checked, name):
    """For every file, each public check passes or fails as the graded check of its id, with the same words.

    The report's message may go on with a "Likely mistake" line (the mistake tables stay hidden); up to
    there the two are equal, in English and in Korean.  Three runs: the report (`make grade`), the
    handout's check.py (the student's code in its own process) and `make check` (sandboxed).
    """
    files, reports, student_side, ta_side = class_checked(name)
    ids = public_ids(dist, name)
    compared = 0
    for f in files:
        record = from_dict(reports[f.stem])
        graded_checks = {c.id: c for c in record.checks}
        for verdict in (student_side[str(f)], ta_side[str(f)]):
            if record.problem is not None:
                assert verdict["problem"] == asdict(NOT_GRADABLE + record.problem) and verdict["checks"] == [], f.name
                continue
            assert [c["id"] for c in verdict["checks"]] == ids
            for c in verdict["checks"]:
                g = graded_checks[c["id"]]
                assert c["passed"] == (g.status == "passed"), (f.name, c["id"], g.message.en)
                for lang, sep in zip(("en", "ko"), LIKELY):
                    said = g.full_message.get(lang)  # the report's words, with its likely mistakes last
                    assert said == c["message"][lang] or said.startswith(c["message"][lang] + sep), \
                        (f.name, c["id"], lang, said, c["message"][lang])
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
    selfcheck.use_feedback_name()
    public = _load(ROOT / "assignments" / name / "public" / "checks.py", f"_public_{name}")
    for table, fn in tables.items():
        for z, expected in getattr(public, table):
            assert np.allclose(getattr(reference, fn)(np.asarray(z, float)), expected, rtol=1e-12, atol=0)


def test_make_has_the_handout_and_check_targets():
    for target, expect in (("handout", "grader.handout build --assignment assignments/neural_network"),
                           ("check FILE=x.py", "grader.handout check --assignment assignments/neural_network")):
        p = subprocess.run(["make", "-n", *target.split()], cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert p.returncode == 0 and expect in p.stdout, p.stdout + p.stderr
