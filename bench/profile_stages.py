"""Where one submission's time goes: the CPU cost of each stage of grading the reference, in this process.

    .venv/bin/python bench/profile_stages.py [--root REPO] [--repeat 8]

CPU time (not wall time), so the figures hold on a busy machine.  "grader" is this process, "sandbox"
the child processes it waited for.  The "if ..." rows measure a change to the grader without making it
(a cached jinja2 environment, pytest without its two gc.collect plugins, a fork of a numpy-loaded process
instead of a fresh interpreter), so the lead can weigh them; they patch nothing on disk.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def children_cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def measure(label: str, fn, n: int) -> tuple[float, float]:
    fn()
    c0, k0, w0 = time.process_time(), children_cpu(), time.perf_counter()
    for _ in range(n):
        fn()
    own, kids, wall = ((time.process_time() - c0) / n, (children_cpu() - k0) / n, (time.perf_counter() - w0) / n)
    print(f"  {label:<52} grader {own * 1000:7.1f} ms   sandbox {kids * 1000:7.1f} ms   (wall {wall * 1000:6.1f} ms)",
          flush=True)
    return own, kids


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--root", type=Path, default=HERE.parent)
    p.add_argument("--assignment", default="neural_network")
    p.add_argument("--repeat", type=int, default=8)
    args = p.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    sys.path.insert(0, str(HERE))
    import numpy as np
    import pytest

    from grader import assignment as assignment_mod, report
    from grader.discover import Submission
    from grader.extract import extract
    from grader.pipeline import grade
    from grader.proxy import StudentModule
    from grader.runner import run_checks, sibling
    from grader.sandbox import Sandbox
    from inprocess import InProcessModule

    a = assignment_mod.load(root / "assignments" / args.assignment)
    ref = root / "solutions" / args.assignment / f"{args.assignment}.py"
    src = extract(ref)
    n = args.repeat
    print(f"CPU per call, the reference solution, mean of {n} (load average {os.getloadavg()[0]:.2f}):")
    measure("grade(): the whole pipeline for one submission", lambda: grade(a, Submission("ref", ref)), n)

    def inproc():
        m = InProcessModule(src.text, src.filename)
        m.load()
        return run_checks(a.hidden, m, src, a.params)

    measure("  the checks in-process (load + run_checks, no sandbox)", inproc, n)
    bodies = sum(o.seconds for o in inproc().values())
    print(f"  {'    of which the test functions themselves (wall)':<52} {bodies * 1000:7.1f} ms")
    measure("  sandbox: start + close, nothing loaded", lambda: (lambda s: (s.start(), s.close()))(Sandbox(a.limits)), n)

    def load_only():
        m = StudentModule(src.text, src.filename, a.limits, a.load_timeout, a.required)
        m.load()
        m.close()

    measure("  sandbox: start + load the file + close", load_only, n)
    m = StudentModule(src.text, src.filename, a.limits, a.load_timeout, a.required)
    m.load()
    net = m.new("NeuralNetwork", [4, 3, 2, 1])
    X = np.random.default_rng(0).normal(size=(4, 5))
    measure("  one request: net.call('forward', X)", lambda: net.call("forward", X), 200 * n)
    m.close()
    R = sibling(str(a.hidden / "test_neural_network.py"), "reference")
    c = a.params["convergence"]
    Xc, yc = R.dataset(c["data_seed"], c["cf"][0], c["m"], c["rule"])
    rng = np.random.default_rng(0)
    start = {k: rng.normal(size=s) if k[0] == "w" else np.zeros(s) for k, s in R.shapes(c["cf"]).items()}
    measure("  train.convergence's reference curve (R.train)", lambda: R.train(start, Xc, yc, c["lr"], c["epochs"],
                                                                            c["record_every"]), n)
    result = grade(a, Submission("ref", ref))
    measure("report: student_html (main process)", lambda: report.student_html(result, "ko"), n)
    measure("report: to_dict + json.dumps (main process)",
            lambda: json.dumps(result.to_dict("ko"), ensure_ascii=False, indent=1), n)

    print("If the grader changed (measured here, nothing on disk is patched):")
    plain = report._env
    report._env = functools.lru_cache(maxsize=None)(plain)
    measure("  student_html with one cached jinja2 Environment", lambda: report.student_html(result, "ko"), n)
    report._env = plain
    real_main = pytest.main

    def no_gc(argv, plugins=None):
        return real_main(list(argv) + ["-p", "no:unraisableexception", "-p", "no:threadexception"], plugins=plugins)

    pytest.main = no_gc
    measure("  checks in-process, pytest -p no:unraisableexception,threadexception", inproc, n)
    pytest.main = real_main
    measure("  a fresh `python -I -c 'import numpy'` (what a sandbox costs now)",
            lambda: subprocess.run([sys.executable, "-I", "-c", "import numpy"], check=True), n)

    def fork():
        pid = os.fork()
        if pid == 0:
            np.zeros(3).sum()
            os._exit(0)
        os.waitpid(pid, 0)

    measure("  os.fork() of a process that has numpy loaded (a fork server)", fork, 4 * n)


if __name__ == "__main__":
    main()
