"""Where one submission's time goes: the CPU cost of each stage of grading the reference.

    .venv/bin/python bench/profile_stages.py [--root REPO] [--repeat 20]

"grader" is this process's CPU time (the main thread and the thread of the pytest session); "machine"
is the CPU time the whole machine spent meanwhile (the sandboxes, the fork server, the kernel's work for
them), read from /proc/stat, so run it on an otherwise idle machine.  The last rows measure what the
grader avoids (a fresh interpreter per sandbox, a pytest session per submission) for comparison.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HZ = os.sysconf("SC_CLK_TCK")


def machine_cpu() -> float:
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return (sum(v) - v[3] - v[4]) / HZ  # everything but idle and iowait


def measure(label: str, fn, n: int) -> None:
    fn()
    c0, m0, w0 = time.process_time(), machine_cpu(), time.perf_counter()
    for _ in range(n):
        fn()
    own, machine, wall = ((time.process_time() - c0) / n, (machine_cpu() - m0) / n, (time.perf_counter() - w0) / n)
    print(f"  {label:<58} grader {own * 1000:6.1f} ms   machine {machine * 1000:6.1f} ms   wall {wall * 1000:6.1f} ms",
          flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--root", type=Path, default=HERE.parent)
    p.add_argument("--assignment", default="neural_network")
    p.add_argument("--repeat", type=int, default=20)
    args = p.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    sys.path.insert(0, str(HERE))
    import numpy as np

    from grader import assignment as assignment_mod, report, runner
    from grader.discover import Submission
    from grader.feedback.source import extract
    from grader.pipeline import grade
    from grader.sandbox import StudentModule
    from grader.runner import run_checks
    from grader.sandbox import Sandbox
    from inprocess import InProcessModule

    a = assignment_mod.load(root / "assignments" / args.assignment)
    ref = root / "solutions" / args.assignment / f"{args.assignment}.py"
    src = extract(ref)
    n = args.repeat
    print(f"Per submission, the reference solution, mean of {n} (load average {os.getloadavg()[0]:.2f}):")
    measure("grade(): the whole pipeline for one submission", lambda: grade(a, Submission("ref", ref)), n)

    def inproc():
        m = InProcessModule(src.text, src.filename, a.limits.call_timeout, a.load_timeout)
        m.load()
        return run_checks(a.hidden, m, src, a.params)

    measure("  the checks in-process (load + run_checks, no sandbox)", inproc, n)
    bodies = sum(o.seconds for o in inproc().values())
    print(f"  {'    of which the test functions themselves (wall)':<58} {bodies * 1000:6.1f} ms")
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
    measure("  one request: net.call('forward', X)", lambda: net.call("forward", X), 50 * n)
    measure("  one request: net.get_many(six weights)", lambda: net.get_many(("w1", "b1", "w2", "b2", "w3", "b3")),
            50 * n)
    m.close()
    result = grade(a, Submission("ref", ref))
    measure("report: student_html (main process)", lambda: report.student_html(result, "ko"), n)
    measure("report: to_dict + json.dumps (main process)",
            lambda: json.dumps(result.to_dict("ko"), ensure_ascii=False, indent=1), n)

    print("What the grader avoids, for comparison:")
    measure("  sandbox start + close from a fresh interpreter (no fork server)",
            lambda: (lambda s: (s.start(), s.close()))(Sandbox(a.limits, fork_server=False)), n)
    measure("  a fresh `python -I -c 'import numpy, numpy.random'`",
            lambda: subprocess.run([sys.executable, "-I", "-c", "import numpy, numpy.random"], check=True), n)

    def new_session():  # what a pytest session per submission cost: start, collect, run, end
        session = runner._Session(a.hidden, ())
        try:
            mod = InProcessModule(src.text, src.filename, a.limits.call_timeout, a.load_timeout)
            mod.load()
            session.run(runner._Job(mod, src, a.params))
        finally:
            session.close()

    measure("  the checks in-process in a new pytest session each time", new_session, max(3, n // 4))


if __name__ == "__main__":
    main()
