"""The same class, autograded by nbgrader: a minimal course whose test cells are our checks as plain asserts.

One source notebook: a locked setup cell (the grader's own ``reference.py``, verbatim, as module ``R``;
the same fixed inputs), the student's solution cell, and one graded test cell per check id with the
same data, tolerances and thresholds as ``assignments/neural_network/hidden/``, minus the diagnoses.
``nbgrader generate_assignment`` releases it; each synthetic student's code (the same Python source our
grader extracts from their file) goes into ``submitted/<student>/nn/nn.ipynb``; ``nbgrader autograde nn``
grades them.  The kernel is the benchmark environment's own Python (kernel ``bench-nbgrader``).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

ASSIGNMENT = "nn"
KERNEL = "bench-nbgrader"

SETUP = '''\
# Locked setup cell: the grader's reference arithmetic and the checks' fixed inputs.
import types
import numpy as np
R = types.ModuleType("reference")
exec({reference!r}, R.__dict__)
CF = [4, 3, 2, 1]
CFS = {cfs!r}
CONV = {conv!r}
LR = 0.5
__name__ = "submission"   # the student's `if __name__ == "__main__":` block is skipped, as in our sandbox

def fixed(seed, cf=CF, m=5):
    rng = np.random.default_rng(seed)
    p = R.random_params(cf, rng)
    X = rng.normal(0, 1, (cf[0], m))
    y = (rng.random((cf[3], m)) > 0.5).astype(float)
    return p, X, y

def network(cf=CF):
    try:
        return NeuralNetwork(list(cf))
    except Exception:
        return NeuralNetwork.__new__(NeuralNetwork)

def set_params(net, p):
    for name in R.WEIGHTS:
        setattr(net, name, p[name].copy())

def close(a, e, rtol=1e-5, atol=1e-9):
    a = np.asarray(a, dtype=float)
    e = np.asarray(e, dtype=float)
    return a.shape == e.shape and bool(np.all(np.isclose(a, e, rtol=rtol, atol=atol)))

def student_step(seed=3):
    p, X, y = fixed(seed)
    net = network()
    set_params(net, p)
    try:
        net.forward(X.copy())
    except Exception:
        net = network()
        set_params(net, p)
    ref = R.forward(p, X)
    for name in R.STORED:
        setattr(net, name, ref[name].copy())
    net.update(LR, y.copy(), X.copy())
    return p, X, y, {{name: np.asarray(getattr(net, name), dtype=float) for name in R.WEIGHTS}}
'''

SOLUTION = '''\
### BEGIN SOLUTION
{reference_solution}
### END SOLUTION
'''

TESTS = {
    "init.shapes": '''\
for cf in CFS:
    net = NeuralNetwork(list(cf))
    for name, shape in R.shapes(cf).items():
        assert getattr(getattr(net, name), "shape", None) == shape, f"self.{name} for cf={cf}"
''',
    "init.biases_zero": '''\
for cf in CFS[:2]:
    net = NeuralNetwork(list(cf))
    for name in ("b1", "b2", "b3"):
        value = getattr(net, name)
        assert isinstance(value, np.ndarray) and np.count_nonzero(value) == 0, f"self.{name} is not zero"
''',
    "init.symmetry_breaking": '''\
for cf in CFS[:2]:
    net = NeuralNetwork(list(cf))
    for name in ("w1", "w2", "w3"):
        value = getattr(net, name)
        assert isinstance(value, np.ndarray) and value.size > 0
        if value.size >= 2:
            flat = value.astype(float).ravel()
            assert not np.allclose(flat, flat[0]), f"self.{name} has equal entries"
''',
    "sigmoid.values": '''\
net = network()
for z in (0.0, 2.0, -3, np.array([-30.0, -2.0, 0.0, 0.5, 30.0]), np.linspace(-6, 6, 12).reshape(3, 4),
          np.linspace(-10, 10, 12).reshape(2, 3, 2)):
    assert close(net.sigmoid(z), R.sigmoid(z)), f"sigmoid({z})"
''',
    "forward.shapes": '''\
for seed, cf in enumerate(CFS[:3]):
    for m in (1, 5):
        p, X, _ = fixed(100 + seed, cf, m)
        net = network(cf)
        set_params(net, p)
        out = net.forward(X.copy())
        assert np.shape(out) == (cf[3], m), f"forward(X) for cf={cf}, m={m}"
        for name, shape in R.stored_shapes(cf, m).items():
            assert np.shape(getattr(net, name)) == shape, f"self.{name} for cf={cf}, m={m}"
''',
    "forward.broadcasting": '''\
rng = np.random.default_rng(11)
for own_biases in (True, False):
    net = NeuralNetwork(list(CF))
    weights_set = False
    if not own_biases:
        for name, shape in R.shapes(CF).items():
            if name[0] == "b":
                setattr(net, name, rng.normal(0, 1, shape))
        weights_set = all(np.shape(getattr(net, k)) == R.shapes(CF)[k] for k in ("w1", "w2", "w3"))
        if weights_set:  # the grader's weights too: different samples must then give different outputs
            for k in ("w1", "w2", "w3"):
                setattr(net, k, rng.normal(0, 1, R.shapes(CF)[k]))
    for m in (1, 3, 5):
        X = rng.normal(0, 1, (CF[0], m))
        batch = np.asarray(net.forward(X.copy()), dtype=float)
        assert batch.shape == (CF[3], m)
        assert not (weights_set and m > 1 and np.allclose(batch, batch[:, :1])), "the same output for every sample"
        for j in range(m):
            alone = np.asarray(net.forward(X[:, [j]].copy()), dtype=float)
            assert alone.shape == (CF[3], 1)
            assert close(batch[:, [j]], alone, rtol=1e-5), f"column {j} of forward(X), m={m}"
''',
    "forward.values": '''\
p, X, _ = fixed(1)
net = network()
set_params(net, p)
out = net.forward(X.copy())
ref = R.forward(p, X)
assert close(out, ref["a3"]), "forward(X)"
for name in R.STORED:
    if hasattr(net, name):
        assert close(getattr(net, name), ref[name]), f"self.{name}"
''',
    "update.output_delta": '''\
p, X, y, after = student_step()
expected = R.step(p, X, y, LR)
for name in ("w3", "b3"):
    assert close(after[name], expected[name]), f"self.{name} after update"
''',
    "update.hidden_deltas": '''\
p, X, y, after = student_step()
expected = R.step(p, X, y, LR)
for name in ("w2", "b2", "w1", "b1"):
    assert close(after[name], expected[name]), f"self.{name} after update"
''',
    "update.gradient_check": '''\
p, X, y, after = student_step(seed=4)
grads = R.numeric_gradient(p, X, y)
for name in R.WEIGHTS:
    assert close(after[name] - p[name], -LR * grads[name], rtol=1e-4, atol=1e-6), f"the change of self.{name}"
''',
    "train.convergence": '''\
X, y = R.dataset(CONV["data_seed"], CONV["cf"][0], CONV["m"], CONV["rule"])
np.random.seed(CONV["init_seed"])
net = NeuralNetwork(list(CONV["cf"]))
start = {name: np.array(getattr(net, name), dtype=float) for name in R.WEIGHTS}
for name in R.WEIGHTS:
    assert start[name].shape == R.shapes(CONV["cf"])[name]
recorded, done, accuracy = [], 0, float("nan")
while done < CONV["epochs"]:  # in chunks, stopping once the target is reached, as our check does
    n = min(CONV["chunk"], CONV["epochs"] - done)
    for i in range(n):
        out = net.forward(X)
        if i % CONV["record_every"] == 0:
            recorded.append(np.array(out, dtype=float))
        net.update(CONV["lr"], y, X)
    done += n
    final = {name: np.asarray(getattr(net, name), dtype=float) for name in R.WEIGHTS}
    with np.errstate(all="ignore"):
        accuracy = R.accuracy(final, X, y)
    if accuracy >= CONV["threshold"]:
        break
curve = [float(-np.sum(y * np.log(np.clip(a, 1e-12, 1 - 1e-12)) + (1 - y) * np.log(1 - np.clip(a, 1e-12, 1 - 1e-12)))
               / y.shape[1]) for a in recorded]
with np.errstate(all="ignore"):
    _, ref_curve = R.train(start, X, y, CONV["lr"], done, CONV["record_every"])
assert np.isfinite(accuracy) and accuracy >= CONV["threshold"], f"accuracy {accuracy:.1%}"
''',
}


def _cell(kind: str, source: str, **nbgrader) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    if nbgrader:
        cell["metadata"]["nbgrader"] = {"schema_version": 3, **nbgrader}
    return cell


def source_notebook(root: Path, assignment: str) -> dict:
    a = root / "assignments" / assignment
    config = tomllib.loads((a / "assignment.toml").read_text("utf-8"))
    params = config["params"]
    setup = SETUP.format(reference=(a / "hidden" / "reference.py").read_text("utf-8"), cfs=params["cfs"],
                         conv=params["convergence"])
    solution = SOLUTION.format(
        reference_solution=(root / "solutions" / assignment / f"{assignment}.py").read_text("utf-8").strip())
    cells = [_cell("markdown", "# Week 9: a neural network class\nImplement `NeuralNetwork` below."),
             _cell("code", setup, grade=False, solution=False, locked=True, grade_id="setup"),
             _cell("code", solution, grade=False, solution=True, locked=False, grade_id="student_code")]
    for check_id, code in TESTS.items():
        points = config["checks"][check_id]["points"]
        cells.append(_cell("code", f"# {check_id}\n" + code, grade=True, solution=False, locked=True,
                           grade_id=check_id.replace(".", "_"), points=points))
    return {"cells": cells, "metadata": {"kernelspec": {"name": KERNEL, "display_name": "bench nbgrader",
                                                        "language": "python"},
                                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


CONFIG = '''\
c = get_config()
c.CourseDirectory.course_id = "bench"
c.CourseDirectory.root = {root!r}
c.Execute.kernel_name = {kernel!r}
# The time limits of our grader, per cell: running the student's file, the training run, any other call.
LIMITS = {{"student_code": {load}, "train_convergence": {train}}}
c.Execute.timeout_func = lambda cell: LIMITS.get(cell.get("metadata", {{}}).get("nbgrader", {{}}).get("grade_id"), {call})
'''


def environment(venv: Path, home: Path) -> dict[str, str]:
    """nbgrader's environment: its own venv first, jupyter dirs of its own, one BLAS thread like our sandbox."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV"))}
    env.update(PATH=f"{venv / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}", HOME=str(home),
               JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTER_PLATFORM_DIRS="1",
               IPYTHONDIR=str(home / "ipython"), PYDEVD_DISABLE_FILE_VALIDATION="1", PYTHONUNBUFFERED="1")
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        env[var] = "1"
    return env


def ensure_venv(venv: Path, python: str) -> None:
    """bench/.venv-nbgrader with nbgrader, numpy and ipykernel from PyPI, and the kernel ``bench-nbgrader``."""
    stamp = venv / ".bench-installed"
    if stamp.is_file():
        return
    print(f"bench: installing nbgrader into {venv} (once) ...", flush=True)
    if not (venv / "bin" / "python").exists():
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "nbgrader", "numpy", "ipykernel"], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "ipykernel", "install", "--prefix", str(venv),
                    "--name", KERNEL, "--display-name", "bench nbgrader"], check=True,
                   stdout=subprocess.DEVNULL)
    stamp.write_text("nbgrader, numpy, ipykernel\n")


def build_course(root: Path, assignment: str, course: Path, venv: Path, students: dict[str, str],
                 limits: dict[str, float]) -> dict[str, str]:
    """The course in ``course`` (emptied first), released, with each student's code submitted."""
    if course.exists():
        shutil.rmtree(course)
    (course / "source" / ASSIGNMENT).mkdir(parents=True)
    home = course / ".home"
    home.mkdir()
    (course / "nbgrader_config.py").write_text(CONFIG.format(root=str(course), kernel=KERNEL, **limits))
    nb = source_notebook(root, assignment)
    (course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(nb, indent=1))
    env = environment(venv, home)
    run = subprocess.run([str(venv / "bin" / "nbgrader"), "generate_assignment", ASSIGNMENT, "--force"],
                         cwd=course, env=env, capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(f"bench: nbgrader generate_assignment failed:\n{run.stdout}\n{run.stderr}")
    released = json.loads((course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    for student, code in students.items():
        sub = json.loads(json.dumps(released))
        for cell in sub["cells"]:
            if cell["metadata"].get("nbgrader", {}).get("grade_id") == "student_code":
                cell["source"] = code
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(sub, ensure_ascii=False, indent=1))
    return env


STUDENT_STARTS = re.compile(r"Creating/updating student with ID '([^']+)'")


def autograde(course: Path, venv: Path, env: dict[str, str]) -> tuple[float, dict[str, float], str]:
    """Runs ``nbgrader autograde`` over every submitted student.

    Returns its wall time, each student's seconds (from when nbgrader's log starts that student to when
    it starts the next one, or ends) and the log.  The log is read as it is written, line by line.
    """
    start = time.perf_counter()
    proc = subprocess.Popen([str(venv / "bin" / "nbgrader"), "autograde", ASSIGNMENT, "--force"], cwd=course,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines, marks = [], []
    for line in proc.stdout:
        lines.append(line)
        m = STUDENT_STARTS.search(line)
        if m:
            marks.append((m[1], time.perf_counter()))
    proc.wait()
    end = time.perf_counter()
    log = "".join(lines)
    if proc.returncode:
        sys.stderr.write(log[-5000:])
        raise SystemExit(f"bench: nbgrader autograde exited {proc.returncode}")
    per_student = {}
    for i, (student, t) in enumerate(marks):
        per_student[student] = (marks[i + 1][1] if i + 1 < len(marks) else end) - t
    return end - start, per_student, log


def scores(course: Path, venv: Path, env: dict[str, str]) -> dict[str, float]:
    """Each student's total from nbgrader's gradebook (to check that both graders agree)."""
    script = textwrap.dedent(f"""
        import json
        from nbgrader.api import Gradebook
        with Gradebook("sqlite:///{course / 'gradebook.db'}") as gb:
            out = {{}}
            for s in gb.students:
                try:
                    out[s.id] = gb.find_submission({ASSIGNMENT!r}, s.id).score
                except Exception:
                    pass
        print(json.dumps(out))
    """)
    run = subprocess.run([str(venv / "bin" / "python"), "-c", script], cwd=course, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)
