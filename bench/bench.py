"""``make bench``: the grader on a synthetic class of N submissions, beside nbgrader on the same class.

    .venv/bin/python bench/bench.py [--students 300] [--jobs CORES] [--nbgrader-sample distinct|all|K]
                                    [--spinners CORES+1]

Prints, on this machine: wall time, submissions per second and the per-submission overhead; peak memory
of the grader and of a worker and a sandbox; the regrade with nothing changed and with one file
changed; the class graded again while CPU spinners keep every core busy, and how many checks got a
different status or score than on the idle machine (time limits are CPU time: expect 0); nbgrader
autograding the same class as notebooks with the same checks, and the ratio of the wall times.  The
last line sums it up.  Everything it writes goes under bench/out/ (git-ignored); the
nbgrader environment is bench/.venv-nbgrader/, made on first use from PyPI.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import nbgrader_course  # noqa: E402
import synthetic_class  # noqa: E402

SUMMARY = re.compile(r"(\d+) graded, (\d+) reused; \d+ ok, (\d+) not gradable, (\d+) timed out")


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--students", type=int, default=300, help="size of the synthetic class (default 300)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="grader jobs (default: all cores)")
    p.add_argument("--dask", default="local:2", help="grade the class once more on this Dask cluster, beside the "
                                                     "--jobs run (default local:2; '' skips it)")
    p.add_argument("--seed", type=int, default=2024, help="seed of the synthetic class")
    p.add_argument("--nbgrader-sample", default="distinct",
                   help="students nbgrader grades: 'distinct' (default: one per distinct source file, the "
                        "class's time extrapolated from those), 'all' (the whole class, nothing extrapolated), "
                        "or a number K (K students, at least one per distinct source)")
    p.add_argument("--no-nbgrader", action="store_true", help="skip the nbgrader comparison")
    p.add_argument("--spinners", type=int, default=(os.cpu_count() or 1) + 1,
                   help="CPU spinners (python -c 'while True: pass') running while the class is graded a second "
                        "time, to count the checks whose verdict changes under load (default: cores + 1; 0 skips it)")
    p.add_argument("--root", type=Path, default=HERE.parent, help="the repository (default: this one)")
    p.add_argument("--assignment", default="neural_network")
    p.add_argument("--out", type=Path, default=HERE / "out", help="where the class, reports and course go")
    p.add_argument("--python", default="python3", help="the Python that makes bench/.venv-nbgrader")
    return p.parse_args(argv)


# -- memory -----------------------------------------------------------------------------------------
class Sampler(threading.Thread):
    """Polls /proc every ``interval`` s for the descendants of ``root`` and keeps each one's VmHWM.

    A pool worker is a child of the grader that is not a sandbox; a sandbox runs ``_inside/main.py``.
    """

    def __init__(self, root: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root, self.interval, self.stop = root, interval, threading.Event()
        self.parent: dict[int, int] = {}
        self.kind: dict[int, str] = {}
        self.peak_kb: dict[int, int] = {}

    def _ppid(self, pid: int) -> int | None:
        if pid not in self.parent:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                return None
            self.parent[pid] = int(stat[stat.rindex(")") + 2:].split()[1])
        return self.parent[pid]

    def _descends(self, pid: int) -> bool:
        seen = 0
        while pid and pid != 1 and seen < 8:
            if pid == self.root:
                return True
            pid = self._ppid(pid) or 0
            seen += 1
        return False

    def scan(self) -> None:
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            pid = int(name)
            if pid == self.root or not self._descends(pid):
                continue
            try:
                if self.kind.get(pid) != "sandbox":  # a fork about to exec main.py still looks like a worker
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
                    sandbox = b"_inside/main.py" in cmd or cmd.startswith(b"grader-sandbox ")
                    kind = "sandbox" if sandbox else "worker" if self._ppid(pid) == self.root else None
                    if kind is None:
                        continue
                    if kind != self.kind.get(pid):
                        self.kind[pid] = kind
                        self.peak_kb.pop(pid, None)
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), int(line.split()[1]))
            except OSError:
                continue

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            self.scan()

    def peaks(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        count: Counter = Counter()
        for pid, kb in self.peak_kb.items():
            kind = self.kind.get(pid, "worker")
            out[kind] = max(out[kind], kb)
            count[kind] += 1
        return {"worker_kb": out.get("worker", 0), "sandbox_kb": out.get("sandbox", 0),
                "workers_seen": count["worker"], "sandboxes_seen": count["sandbox"]}


# -- one grader run -----------------------------------------------------------------------------------
def run_grader(args, submissions: Path, reports: Path, tag: str, sample_memory: bool = False,
               where: tuple[str, ...] = ()) -> dict:
    usage = args.out / f"usage-{tag}.json"
    cmd = [sys.executable, str(HERE / "run_grader.py"), str(usage), str(args.root),
           "--assignment", str(args.root / "assignments" / args.assignment), "--submissions", str(submissions),
           "--reports", str(reports), "--jobs", str(args.jobs), "--quiet", *where]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=args.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid) if sample_memory else None
    if sampler:
        sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    if sampler:
        sampler.stop.set()
        sampler.join()
    (args.out / f"grader-{tag}.log").write_text(out + err)
    m = SUMMARY.search(out)
    if proc.returncode not in (0,) or not m:
        sys.stderr.write(out[-3000:] + err[-5000:])
        raise SystemExit(f"bench: the grader exited {proc.returncode} on the {tag} run")
    result = {"wall_s": wall, "summary": out.strip().splitlines()[-1], "graded": int(m[1]), "reused": int(m[2]),
              "not_gradable": int(m[3]), "timed_out": int(m[4])}
    result.update(json.loads(usage.read_text()))
    if sampler:
        result.update(sampler.peaks())
    return result


# -- in-process compute -----------------------------------------------------------------------------------
def in_process(args, files: list[Path], repeats: int) -> dict[str, dict]:
    """``bench/inprocess.py`` on each file, in a child process restarted after a file that kills it."""
    done: dict[str, dict] = {}
    left = [str(f) for f in files]
    while left:
        proc = subprocess.run([sys.executable, str(HERE / "inprocess.py"), str(args.root), args.assignment,
                               str(repeats)] + left, cwd=args.root, capture_output=True, text=True)
        for line in proc.stdout.splitlines():
            if line.startswith("{"):
                row = json.loads(line)
                done[row["file"]] = row
        left = [f for f in left if f not in done]
        if left:  # the first file not done ended the process: note it, go on after it
            done[left[0]] = {"file": left[0], "seconds": None, "error": proc.stderr[-500:]}
            left = left[1:]
    return done


# -- nbgrader ---------------------------------------------------------------------------------------------
def nbgrader_sample(members, spec: str) -> list:
    groups: dict[tuple, list] = defaultdict(list)
    for m in members:
        groups[(m.kind, m.source)].append(m)
    if spec == "all":
        return list(members)
    picked = {key: [ms[0]] for key, ms in groups.items()}
    if spec != "distinct":
        extra = max(0, int(spec) - len(groups))
        total = len(members) - len(groups)
        for key, ms in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            share = round(extra * (len(ms) - 1) / total) if total else 0
            picked[key] += ms[1:1 + share]
    return [m for ms in picked.values() for m in ms]


def run_nbgrader(args, members, class_dir: Path, our_scores: dict[str, float]) -> dict:
    from grader.feedback.source import extract

    venv = HERE / ".venv-nbgrader"
    nbgrader_course.ensure_venv(venv, args.python)
    sample = nbgrader_sample(members, args.nbgrader_sample)
    code = {m.student: extract(class_dir / m.file).text for m in sample}
    a = _assignment(args)
    course = args.out / "nbgrader"
    limits = {"call": a.limits.call_timeout, "load": a.load_timeout,
              "train": a.params["convergence"]["timeout"]}
    env = nbgrader_course.build_course(args.root, args.assignment, course, venv, code, limits)
    wall, per_student, log = nbgrader_course.autograde(course, venv, env)
    (args.out / "nbgrader-autograde.log").write_text(log)
    theirs = nbgrader_course.scores(course, venv, env)
    if len(per_student) != len(sample):
        raise SystemExit(f"bench: nbgrader's log names {len(per_student)} of the {len(sample)} students")
    fixed = max(0.0, wall - sum(per_student.values()))
    groups: dict[tuple, list] = defaultdict(list)
    for m in members:
        groups[(m.kind, m.source)].append(m.student)
    estimate = fixed
    for key, students in groups.items():
        times = [per_student[s] for s in students if s in per_student]
        estimate += len(students) * sum(times) / len(times)
    agree = [s for s in code if abs(theirs.get(s, -1) - our_scores.get(s, -2)) < 1e-6]
    disagree = {s: {"nbgrader": theirs.get(s), "ours": our_scores.get(s)} for s in code if s not in agree}
    return {"sampled": len(sample), "distinct_sources": len(groups), "wall_s": wall, "fixed_s": fixed,
            "per_student_s": per_student, "class_estimate_s": wall if len(sample) == len(members) else estimate,
            "extrapolated": len(sample) != len(members), "scores_agree": len(agree), "disagree": disagree}


def _assignment(args):
    from grader import assignment as assignment_mod

    return assignment_mod.load(args.root / "assignments" / args.assignment)


def _scores(reports: Path) -> dict[str, float]:
    out = {}
    for f in reports.glob("*.json"):
        d = json.loads(f.read_text("utf-8"))
        out[f.stem] = d["score"]
    return out


def _seconds(reports: Path) -> dict[str, float]:
    out = {}
    for f in reports.glob("*.json"):
        rec = json.loads(f.read_text("utf-8"))["grader"]
        out[f.stem] = rec.get("seconds") or rec.get("record", {}).get("seconds") or 0.0
    return out


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# -- the same class under load ----------------------------------------------------------------------------
def _verdicts(reports: Path) -> dict[str, dict[str, tuple]]:
    """student -> check id -> (status, score), from the NAME.json files of a run."""
    out = {}
    for f in reports.glob("*.json"):
        d = json.loads(f.read_text("utf-8"))
        out[f.stem] = {t["id"]: (t["status"], t["score"]) for t in d["tests"]}
    return out


def differences(idle: dict[str, dict[str, tuple]], loaded: dict[str, dict[str, tuple]]) -> list[tuple]:
    """(student, check, idle verdict, loaded verdict) for every check graded differently (a student or a
    check missing from one run counts, with None for the missing side)."""
    out = []
    for student in sorted(set(idle) | set(loaded)):
        a, b = idle.get(student, {}), loaded.get(student, {})
        for check in sorted(set(a) | set(b)):
            if a.get(check) != b.get(check):
                out.append((student, check, a.get(check), b.get(check)))
    return out


def run_under_load(args, class_dir: Path, idle_reports: Path) -> dict:
    """Grades the class again, into a fresh folder, while ``args.spinners`` CPU spinners run (each in a
    session of its own, as another user's processes would be), and compares every check's verdict with the
    idle run's."""
    reports = args.out / "reports-loaded"
    if reports.exists():
        for f in reports.iterdir():
            f.unlink()
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
                for _ in range(args.spinners)]
    try:
        loaded = run_grader(args, class_dir, reports, "loaded")
    finally:
        for p in spinners:
            p.kill()
        for p in spinners:
            p.wait()
    diff = differences(_verdicts(idle_reports), _verdicts(reports))
    loaded.update({"spinners": args.spinners, "differences": len(diff),
                   "differing": [list(d) for d in diff[:50]]})
    return loaded


# -- main ----------------------------------------------------------------------------------------------------
def main(argv=None) -> int:
    args = parse_args(argv)
    args.root = args.root.resolve()
    args.out = args.out.resolve()
    sys.path.insert(0, str(args.root))
    args.out.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    started = datetime.now(timezone.utc)
    load_before = _load()
    print(f"bench: {cores} cores ({platform.processor() or platform.machine()}), load average {load_before}, "
          f"grader --jobs {args.jobs}", flush=True)

    class_dir = args.out / "class"
    members, corpus = synthetic_class.build(args.root, args.assignment, class_dir, args.students, args.seed)
    kinds = Counter(m.kind for m in members)
    n = len(members)
    print(f"bench: class of {n}: {kinds['correct']} correct, {kinds['mutant']} with a mistake, "
          f"{kinds['notebook']} notebooks, {kinds['timeout']} that never finish; from {corpus.origin}", flush=True)

    # The checks' own compute: load + run_checks in-process, on the reference and on every distinct file.
    a = _assignment(args)
    reference = args.root / "solutions" / args.assignment / f"{args.assignment}.py"
    print("bench: timing the checks in-process (no sandbox) ...", flush=True)
    ref = in_process(args, [reference], 5)[str(reference)]
    if ref.get("passed") != ref.get("checks"):
        print(f"bench: WARNING: in-process, the reference passes {ref.get('passed')} of {ref.get('checks')} checks, so "
              "the in-process figures below are not the checks' whole compute", flush=True)
    by_source: dict[tuple, list] = defaultdict(list)
    for m in members:
        by_source[(m.kind, m.source)].append(m)
    sample_files = [class_dir / ms[0].file for ms in by_source.values()]
    timed = in_process(args, sample_files, 1)
    inproc_class = 0.0
    inproc_of: dict[str, float] = {}
    untimed = 0
    for key, ms in by_source.items():
        row = timed.get(str(class_dir / ms[0].file), {})
        if row.get("seconds") is None:
            untimed += len(ms)
            continue
        for m in ms:
            inproc_of[m.student] = row["seconds"]
        inproc_class += row["seconds"] * len(ms)

    # The grader: a full run, an unchanged regrade, a regrade with one file changed.
    reports = args.out / "reports"
    if reports.exists():
        for f in reports.iterdir():
            f.unlink()
    print(f"bench: grading {n} submissions with {args.jobs} jobs ...", flush=True)
    full = run_grader(args, class_dir, reports, "full", sample_memory=True)
    print(f"bench:   {full['summary']}", flush=True)
    dask = None
    if args.dask:
        dask_reports = args.out / "reports-dask"
        shutil.rmtree(dask_reports, ignore_errors=True)
        print(f"bench: grading the same class with DASK={args.dask} ...", flush=True)
        dask = run_grader(args, class_dir, dask_reports, "dask", where=("--dask", args.dask))
        dask["same_scores"] = _scores(dask_reports) == _scores(reports)
        print(f"bench:   {dask['summary']}; scores {'identical' if dask['same_scores'] else 'DIFFERENT'}", flush=True)
    again = run_grader(args, class_dir, reports, "unchanged")
    print(f"bench:   unchanged: {again['summary']}", flush=True)
    if again["graded"]:  # the grader's fingerprint changed: its files or the checks were edited meanwhile
        print("bench:   (the grader or the checks changed on disk during the run, so nothing could be reused; "
              "timing the unchanged regrade again)", flush=True)
        again = run_grader(args, class_dir, reports, "unchanged-again")
        print(f"bench:   unchanged: {again['summary']}", flush=True)
    changed_student = next(m for m in members if m.kind == "correct" and m.file.endswith(".py"))
    with open(class_dir / changed_student.file, "a", encoding="utf-8") as f:
        f.write("# 다시 제출: 주석만 고쳤습니다\n")
    one = run_grader(args, class_dir, reports, "one-changed")
    print(f"bench:   one file changed: {one['summary']}", flush=True)
    ours = _scores(reports)
    seconds = _seconds(reports)
    loaded = None
    if args.spinners > 0:
        print(f"bench: grading the same class again with {args.spinners} CPU spinners running ...", flush=True)
        loaded = run_under_load(args, class_dir, reports)
        print(f"bench:   under load: {loaded['summary']}", flush=True)
        print(f"bench:   checks graded differently than on the idle machine: {loaded['differences']}", flush=True)
        for student, check, idle_v, loaded_v in loaded["differing"][:10]:
            print(f"bench:     {student} {check}: {idle_v} idle, {loaded_v} under load", flush=True)

    wall = full["wall_s"]
    rate = n / wall
    core_s_per_sub = wall * args.jobs / n
    overhead_ref = core_s_per_sub - ref["seconds"]
    # Files the in-process run could not time (one that ends its process) count with the grader's own seconds.
    not_timed = [m.student for m in members if m.student not in inproc_of]
    overhead_class = (wall * args.jobs - inproc_class - sum(seconds.get(s, 0.0) for s in not_timed)) / \
        max(n - len(not_timed), 1)
    timed_students = [s for s in inproc_of if s in seconds]
    in_grade = sum(seconds[s] - inproc_of[s] for s in timed_students) / max(len(timed_students), 1)

    nb = None
    if not args.no_nbgrader:
        how = {"distinct": "one student per distinct source file", "all": "the whole class"}.get(
            args.nbgrader_sample, f"{args.nbgrader_sample} students")
        print(f"bench: nbgrader autograding {how} as notebooks with the same checks ...", flush=True)
        nb = run_nbgrader(args, members, class_dir, ours)
        print(f"bench:   nbgrader graded {nb['sampled']} in {nb['wall_s']:.1f} s; scores agree with ours on "
              f"{nb['scores_agree']} of {nb['sampled']}", flush=True)

    rows = [
        ("submissions", f"{n} ({kinds['correct']} correct, {kinds['mutant']} mistakes, {kinds['notebook']} "
                        f"notebooks, {kinds['timeout']} time-outs)"),
        ("cores / grader jobs", f"{cores} / {args.jobs}"),
        ("wall time, full grade", f"{wall:.1f} s"),
        ("throughput", f"{rate:.2f} submissions/s"),
    ] + ([
        (f"wall time, DASK={args.dask}", f"{dask['wall_s']:.1f} s beside {wall:.1f} s with JOBS={args.jobs}  "
                                         f"(scores {'identical' if dask['same_scores'] else 'DIFFERENT'})"),
    ] if dask else []) + [
        ("checks in-process, reference", f"{ref['seconds'] * 1000:.0f} ms (load + run_checks; check bodies "
                                         f"{ref['check_bodies'] * 1000:.0f} ms)"),
        ("overhead / submission vs reference", f"{overhead_ref * 1000:.0f} ms  (wall x jobs / N - in-process "
                                               "reference)"),
        ("checks in-process, whole class", f"{inproc_class:.1f} core-s (each distinct file timed once)"
         + (f"; {untimed} not timed" if untimed else "")),
        ("  best wall with a free sandbox", f"{inproc_class / args.jobs:.1f} s  (class in-process / jobs)"),
        ("overhead / submission vs class", f"{overhead_class * 1000:.0f} ms  ((wall x jobs - class in-process) "
                                           "/ N)"),
        ("  of which inside grade()", f"{in_grade * 1000:.0f} ms  (grade()'s own seconds - in-process, mean)"),
        ("peak RSS, grader main", f"{full['self_maxrss_kb'] / 1024:.0f} MiB"),
        ("peak RSS, pool worker", f"{full['worker_kb'] / 1024:.0f} MiB ({full['workers_seen']} workers)"),
        ("peak RSS, sandbox", f"{full['sandbox_kb'] / 1024:.0f} MiB ({full['sandboxes_seen']} sandbox processes "
                              "sampled every 0.1 s)"),
        ("regrade, nothing changed", f"{again['wall_s']:.2f} s  (graded {again['graded']}, reused {again['reused']})"),
        ("regrade, one file changed", f"{one['wall_s']:.2f} s  (graded {one['graded']}, reused {one['reused']})"),
    ]
    if loaded:
        rows += [
            ("full grade under load, wall", f"{loaded['wall_s']:.1f} s  ({loaded['spinners']} CPU spinners on {cores} "
                                            "cores)"),
            ("checks graded differently", f"{loaded['differences']} of {n * len(a.checks)}  (status or score, "
                                          "idle vs under load)"),
        ]
    ratio = None
    if nb:
        ratio = nb["class_estimate_s"] / wall
        est = "extrapolated from " + (f"{nb['sampled']} students (one per distinct source, x copies, + "
                                       f"{nb['fixed_s']:.1f} s start-up)" if nb["extrapolated"] else "")
        rows += [
            ("nbgrader, students graded", f"{nb['sampled']} in {nb['wall_s']:.1f} s (1 process, sequential)"),
            ("nbgrader, the class", f"{nb['class_estimate_s']:.1f} s" + (f"  ({est})" if nb["extrapolated"]
                                                                           else "  (measured)")),
            ("nbgrader, throughput", f"{n / nb['class_estimate_s']:.3f} submissions/s"),
            ("nbgrader scores = ours", f"{nb['scores_agree']} of {nb['sampled']}"),
            ("wall-time ratio nbgrader / ours", f"{ratio:.1f}x"),
        ]
    width = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")
    print(f"  {'load average before / after':<{width}}  {load_before} / {_load()}")
    if float(load_before.split()[0]) > 0.5 * cores:
        print(f"  (the machine was busy before the run: other processes competed for the {cores} cores, "
              "so every time above is pessimistic)")
    print()
    results = {"date": started.isoformat(timespec="seconds"), "cores": cores, "jobs": args.jobs, "n": n,
               "kinds": dict(kinds), "corpus": corpus.origin, "load_before": load_before, "load_after": _load(),
               "full": full, "dask": dask, "unchanged": again, "one_changed": one, "reference_inprocess": ref,
               "class_inprocess_core_s": inproc_class, "overhead_vs_reference_s": overhead_ref,
               "overhead_vs_class_s": overhead_class, "overhead_in_grade_s": in_grade, "nbgrader": nb,
               "loaded": loaded, "inprocess_by_file": timed}
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    last = f"{n} submissions in {wall:.1f} s ({rate:.1f}/s) on {cores} cores"
    last += f" vs nbgrader: {ratio:.1f}x" if ratio else " (nbgrader skipped)"
    if loaded:
        last += f"; under load {loaded['wall_s']:.1f} s, {loaded['differences']} checks graded differently"
    print(last)
    return 0


if __name__ == "__main__":
    sys.exit(main())
