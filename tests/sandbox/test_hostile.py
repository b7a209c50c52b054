"""The sandbox against hostile submissions.

Every file in ``tests/hostile/`` is a complete submission carrying one attack; what must hold once it has
been graded is written beside it, in ``tests/hostile/expectations.toml``.  The whole corpus is graded once
per session, two submissions at a time, with the reference solution graded in between ("another
student in the same run").  Each attack's test then checks its verdict, that no process of it is left,
that nothing was read or written outside its sandbox, that no connection reached the test's listeners,
and that the reports escape what it printed.  Lower-level tests show each layer holding on its own.

Tests that need a kernel feature skip, naming the reason, where the sandbox reports it inactive.
"""
from __future__ import annotations

import fnmatch
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from helpers import ROOT, wait_for
from grader import assignment as assignment_mod, pipeline, report
from grader.discover import Submission
from grader.results import SubmissionResult
from grader.feedback.faults import StudentCrashed, StudentFault, StudentTimeout
from grader.sandbox import Limits, Sandbox

HOSTILE = ROOT / "tests" / "hostile"
EXPECT = tomllib.loads((HOSTILE / "expectations.toml").read_text("utf-8"))
ATTACKS = sorted(p.stem for p in HOSTILE.glob("*.py"))
NN = ROOT / "assignments" / "neural_network"
INNOCENT = ROOT / "solutions" / "neural_network" / "neural_network.py"
FAULTS = {"timeout", "crash", "error", "type", "wrong", "not_gradable", "any"}
MAX_OUTPUT = 70_000  # 64 KB kept, plus the note of what was dropped


def small(a):
    """The assignment with short limits, so that a corpus of endless loops grades in seconds."""
    params = dict(a.params)
    params["convergence"] = dict(params["convergence"], timeout=20)
    return replace(a, limits=replace(a.limits, call_timeout=2, memory_mb=256), load_timeout=3, params=params)


def small_limits() -> Limits:
    return small(assignment_mod.load(NN)).limits


# -- the arena: a trap folder, listeners, a decoy process ---------------------------------------------
@dataclass
class Arena:
    base: Path
    trap: Path
    placeholders: dict[str, str]
    tcp: socket.socket
    tcp6: socket.socket | None
    udp: socket.socket
    unix: socket.socket
    abstract: socket.socket
    decoy: subprocess.Popen
    probe: Sandbox = field(default=None)

    def received(self) -> list[str]:
        """What reached the listeners (nothing may)."""
        got = []
        for name, s in (("tcp", self.tcp), ("tcp6", self.tcp6), ("unix", self.unix), ("abstract", self.abstract)):
            if s is None:
                continue
            try:
                conn, _ = s.accept()
                got.append(name)
                conn.close()
            except (BlockingIOError, socket.timeout):
                pass
        try:
            self.udp.recvfrom(100)
            got.append("udp")
        except (BlockingIOError, socket.timeout):
            pass
        return got


def _listener(family, kind, address, v6only=False) -> socket.socket:
    s = socket.socket(family, kind)
    if v6only:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind(address)
    if kind == socket.SOCK_STREAM:
        s.listen(8)
    s.setblocking(False)
    return s


@pytest.fixture(scope="session")
def arena():
    base = Path(tempfile.mkdtemp(prefix="hostile-"))
    base.chmod(0o711)  # the sandboxes' folders are made inside: they must be able to reach them
    trap = base / "trap"
    trap.mkdir()
    trap.chmod(0o777)  # world-writable on purpose: only the sandbox's own layers may stop a write here
    (trap / "secret.txt").write_text("the answer key")
    (trap / "secret.txt").chmod(0o644)
    tcp = _listener(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", 0))
    port = tcp.getsockname()[1]
    try:
        tcp6 = _listener(socket.AF_INET6, socket.SOCK_STREAM, ("::1", port), v6only=True)
    except OSError:
        tcp6 = None
    udp = _listener(socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", 0))
    unix = _listener(socket.AF_UNIX, socket.SOCK_STREAM, str(trap / "sock"))
    (trap / "sock").chmod(0o777)
    abstract_name = f"hostile-{os.getpid()}-{time.time_ns()}"
    abstract = _listener(socket.AF_UNIX, socket.SOCK_STREAM, "\0" + abstract_name)
    decoy = subprocess.Popen(["sleep", "3600"], start_new_session=True,
                             user=65534 if os.geteuid() == 0 else None)  # the sandbox's own uid
    a = Arena(base, trap, {"__TRAP__": str(trap), "__PORT__": str(port), "__UDP_PORT__": str(udp.getsockname()[1]),
                           "__UNIX_PATH__": str(trap / "sock"), "__ABSTRACT__": abstract_name,
                           "__DECOY_PID__": str(decoy.pid)},
              tcp, tcp6, udp, unix, abstract, decoy)
    a.probe = Sandbox(small_limits())
    a.probe.start()
    a.probe.close()
    yield a
    decoy.kill()
    decoy.wait()
    for s in (tcp, tcp6, udp, unix, abstract):
        if s is not None:
            s.close()
    subprocess.run(["rm", "-rf", str(base)], check=False)


def prepare(arena: Arena, name: str) -> Path:
    """The attack's file with the arena's addresses filled in, in a folder of its own."""
    text = (HOSTILE / f"{name}.py").read_text("utf-8")
    for key, value in arena.placeholders.items():
        text = text.replace(key, value)
    folder = arena.base / "subs"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(text, "utf-8")
    return path


# -- processes left behind ---------------------------------------------------------------------------
def leftovers(marker: str) -> list[str]:
    """Processes whose command line or environment mentions ``marker`` (a sandbox's folder is in the
    command line of every process forked from it; the corpus passes it in the environment of what it
    execs)."""
    found, needle = [], marker.encode()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        for what in ("cmdline", "environ"):
            try:
                with open(f"/proc/{name}/{what}", "rb") as f:
                    if needle in f.read():
                        with open(f"/proc/{name}/cmdline", "rb") as g:
                            cmd = g.read().replace(b"\0", b" ")[:120].decode(errors="replace")
                        found.append(f"{name}: {cmd}")
                        break
            except OSError:
                pass
    return found


def _grade_job(job: tuple[str, str, str]) -> tuple[str, SubmissionResult, list[str], list[str], float]:
    """In a worker: grades one submission with its sandboxes under ``folder``, then looks for survivors."""
    name, path, folder = job
    os.makedirs(folder, exist_ok=True)
    os.chmod(folder, 0o711)
    tempfile.tempdir = folder
    a = small(assignment_mod.load(NN))
    t = time.monotonic()
    result = pipeline.grade(a, Submission(name, Path(path)))
    seconds = time.monotonic() - t
    return name, result, leftovers(folder), os.listdir(folder), seconds


@pytest.fixture(scope="session")
def attacks_graded(arena) -> dict[str, tuple[SubmissionResult, list[str], list[str], float]]:
    """The whole corpus graded two at a time, the reference solution between them."""
    jobs = []
    for i, name in enumerate(ATTACKS):
        if i % 8 == 0:
            jobs.append((f"innocent_{i}", str(INNOCENT), str(arena.base / "jobs" / f"innocent_{i}")))
        if not uncontained(arena, EXPECT[name]):
            jobs.append((name, str(prepare(arena, name)), str(arena.base / "jobs" / name)))
    jobs.append(("innocent_end", str(INNOCENT), str(arena.base / "jobs" / "innocent_end")))
    (arena.base / "jobs").mkdir(exist_ok=True)
    (arena.base / "jobs").chmod(0o711)
    with ProcessPoolExecutor(max_workers=2) as pool:
        out = {name: rest for name, *rest in pool.map(_grade_job, jobs)}
    return out


@pytest.fixture(scope="session")
def baseline() -> SubmissionResult:
    """The reference solution graded alone."""
    return pipeline.grade(small(assignment_mod.load(NN)), Submission("innocent", INNOCENT))


# -- the corpus ----------------------------------------------------------------------------------------
def test_every_attack_has_its_expectations():
    assert len(ATTACKS) >= 18
    assert sorted(EXPECT) == ATTACKS, "tests/hostile/*.py and expectations.toml must name the same attacks"
    for name, exp in EXPECT.items():
        assert exp.get("attack"), f"{name}: say what the attack does"
        assert set(exp.get("failed", {}).values()) <= FAULTS, name
        assert set(exp) <= {"attack", "passed", "failed", "either", "message", "gradable", "problem", "warning",
                            "output_has", "output_lacks", "needs", "needs_any", "trap_absent", "network", "html",
                            "max_output"}, name


def _rule(check_id: str, exp: dict) -> str | None:
    for pattern in exp.get("passed", ()):
        if fnmatch.fnmatch(check_id, pattern):
            return "passed"
    for pattern, fault in exp.get("failed", {}).items():
        if fnmatch.fnmatch(check_id, pattern):
            return fault
    for pattern in exp.get("either", ()):
        if fnmatch.fnmatch(check_id, pattern):
            return "either"
    return None


def uncontained(arena: Arena, exp: dict) -> str | None:
    """Why this machine's sandbox cannot contain the attack (then it is not even run: an uncontained
    kill(-1) would reach every process of the sandbox's uid), or None."""
    on, notes = arena.probe.protections, arena.probe.notes
    missing = [n for n in exp.get("needs", ()) if not on.get(n)]
    if missing:
        return "needs " + ", ".join(f"{n} ({notes.get(n, 'not active')})" for n in missing)
    any_of = exp.get("needs_any", ())
    if any_of and not any(on.get(n) for n in any_of):
        return "needs one of " + ", ".join(f"{n} ({notes.get(n, 'not active')})" for n in any_of)
    return None


@pytest.mark.parametrize("name", ATTACKS)
def test_attack_is_contained(name, arena, attacks_graded):
    exp = EXPECT[name]
    why = uncontained(arena, exp)
    if why:
        pytest.skip(why)
    result, left, files, seconds = attacks_graded[name]
    assert result.protections == arena.probe.protections
    label = f"{name}: {exp['attack']}"
    # The grader came through, and every check got a verdict of its own.
    assert not [c.id for c in result.checks if c.fault == "grader"], label
    if exp.get("gradable", True):
        assert result.gradable, f"{label}: {result.problem}"
        for c in result.checks:
            rule = _rule(c.id, exp)
            assert rule is not None, f"{name}: the expectations say nothing about {c.id}"
            seen = f"{name} {c.id}: {c.status}/{c.fault}: {c.message.en[:300]}"
            if rule == "passed":
                assert c.status == "passed", seen
            elif rule != "either":
                assert c.status == "failed", seen
                if rule != "any":
                    assert c.fault == rule, seen
        for pattern, text in exp.get("message", {}).items():
            hits = [c for c in result.checks if fnmatch.fnmatch(c.id, pattern)]
            assert hits, pattern
            for c in hits:
                assert text in c.message.en, f"{name} {c.id}: {c.message.en[:300]}"
    else:
        assert not result.gradable and all(c.status == "failed" for c in result.checks), label
        assert exp.get("problem", "") in result.problem.en, result.problem.en
    if "warning" in exp:
        assert any(exp["warning"] in w.en for w in result.load_warnings), [w.en for w in result.load_warnings]
    for text in exp.get("output_has", ()):
        assert text in result.output, f"{name}: {text!r} not in the output:\n{result.output[:2000]}"
    for text in exp.get("output_lacks", ()):
        assert text not in result.output, f"{name}: {text!r} in the output:\n{result.output[:2000]}"
    # No process outlived the grading, and the private folders are gone.
    assert left == [], f"{name} left processes behind: {left}"
    assert files == [], f"{name} left files behind in its sandboxes' parent folder: {files}"
    # Nothing written outside, nothing forged into the repository.
    for f in exp.get("trap_absent", ()):
        assert not (arena.trap / f).exists(), f"{name} wrote {f} outside its sandbox"
    assert not (ROOT / "results.json").exists() and not (ROOT / "reports" / "hostile_forged.json").exists()
    # Output capped and escaped in the report.
    assert len(result.output) <= exp.get("max_output", MAX_OUTPUT), len(result.output)
    html = report.student_html(result, "en")
    html.encode("utf-8")  # every report can be written
    json.dumps(result.to_dict("en"), ensure_ascii=False).encode("utf-8")
    for raw in ("<script>alert", "<img src=x", "<b onmouseover"):  # the student's markup, live
        assert raw not in html, f"{name}: {raw} unescaped in the report"
    if exp.get("html"):
        assert "&lt;script&gt;alert(" in html
    assert len(html) < 2_000_000
    if exp.get("network"):
        assert arena.received() == [], "a connection reached the test's listeners"
    assert arena.decoy.poll() is None, "a submission killed a process outside its sandbox"


def test_the_other_students_grades_are_unchanged(attacks_graded, baseline):
    """The reference solution, graded between the attacks, gets exactly what it gets alone."""
    def verdict(r):
        return [(c.id, c.status, c.fault, c.score) for c in r.checks]

    innocents = [k for k in attacks_graded if k.startswith("innocent")]
    assert len(innocents) >= 4
    assert baseline.score == baseline.max_score
    for k in innocents:
        result, left, files, _ = attacks_graded[k]
        assert verdict(result) == verdict(baseline), k
        assert left == [] and files == []


def test_nothing_was_written_to_the_trap_folder(arena, attacks_graded):
    if not arena.probe.protections.get("landlock"):
        pytest.skip(f"needs landlock ({arena.probe.notes.get('landlock', 'not active')})")
    assert sorted(p.name for p in arena.trap.iterdir()) == ["secret.txt", "sock"]


def test_the_decoy_and_the_listeners_survived(arena, attacks_graded):
    assert arena.decoy.poll() is None, "a submission killed a process outside its sandbox"
    assert arena.received() == []


def test_reports_show_the_active_protections(arena, attacks_graded):
    result = attacks_graded["innocent_end"][0]
    assert result.protections == arena.probe.protections
    for key in ("rlimits", "landlock", "network namespace", "pid namespace", "process cleanup", "privilege drop",
                "seccomp", "output cap"):
        assert key in result.protections, key
    html = report.student_html(result, "en")
    for key in result.protections:
        assert key in html, key


def test_a_hostile_class_through_the_command_line(arena, tmp_path):
    """The real CLI, two jobs at once, a class mixing attacks with an honest student: everyone gets a
    report, the run exits 0, the honest student's report equals the one graded alone."""
    folder = tmp_path / "assignment"
    subprocess.run(["cp", "-r", str(NN), str(folder)], check=True)
    toml = (folder / "assignment.toml").read_text("utf-8")
    toml = toml.replace("call_timeout = 5 ", "call_timeout = 2 ").replace("load_timeout = 10 ", "load_timeout = 3 ")
    (folder / "assignment.toml").write_text(toml, "utf-8")
    subs = tmp_path / "subs"
    subs.mkdir()
    attacks = [a for a in ("kill_grader", "fork_detached", "flood_output", "html_script", "loop_in_method",
                           "write_outside") if not uncontained(arena, EXPECT[a])]
    for name in attacks:
        (subs / f"{name}.py").write_text(prepare(arena, name).read_text("utf-8"), "utf-8")
    (subs / "honest.py").write_text(INNOCENT.read_text("utf-8"), "utf-8")
    sandboxes = arena.base / "cli"
    sandboxes.mkdir()
    sandboxes.chmod(0o711)
    reports = tmp_path / "reports"
    env = dict(os.environ, TMPDIR=str(sandboxes))
    p = subprocess.run([sys.executable, "-m", "grader", "--assignment", str(folder), "--submissions", str(subs),
                        "--reports", str(reports), "--jobs", "2", "--quiet", "--lang", "en"],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    for name in attacks + ["honest"]:
        assert (reports / f"{name}.json").is_file() and (reports / f"{name}.html").is_file(), name
    honest = json.loads((reports / "honest.json").read_text("utf-8"))
    assert honest["score"] == honest["max_score"] == 13
    index = (reports / "index.html").read_text("utf-8")
    assert "<script>alert" not in index
    assert "<script>alert" not in (reports / "html_script.html").read_text("utf-8")
    assert leftovers(str(sandboxes)) == []
    if arena.probe.protections.get("landlock"):  # without it, write_outside can write beside its folder
        assert os.listdir(sandboxes) == []
    assert arena.decoy.poll() is None


# -- one layer at a time -------------------------------------------------------------------------------
SIGNAL_LAYERS = {"pid namespace": ("landlock", "seccomp"), "landlock scoping": ("pid namespace", "seccomp"),
                 "seccomp": ("pid namespace", "landlock")}
KILLER = """
import os, signal
def attack(decoy):
    out = []
    group = os.getpgid(os.getppid())
    for label, fn in (("decoy", lambda: os.kill(decoy, signal.SIGKILL)),
                      ("decoy's group", lambda: os.killpg(decoy, signal.SIGKILL)),
                      ("parent", lambda: os.kill(os.getppid(), signal.SIGKILL)),
                      ("parent's group", lambda: group not in (0, os.getpgrp()) and os.killpg(group, signal.SIGKILL))):
        try:
            fn()
            out.append("signalled " + label)
        except OSError as exc:
            out.append(f"refused {label}: {type(exc).__name__}")
    return out
def alive():
    return 1
"""


def _sandbox(*disable: str, limits: Limits | None = None) -> Sandbox:
    sb = Sandbox(limits or small_limits(), disable=tuple(disable))
    sb.start()
    return sb


def _require(sb: Sandbox, *names: str) -> None:
    for n in names:
        if not sb.protections.get(n):
            notes = sb.notes.get(n, "not active")
            sb.close()
            pytest.skip(f"needs {n} ({notes})")


@pytest.mark.parametrize("layer", list(SIGNAL_LAYERS))
def test_signals_are_contained_by_each_layer_alone(layer, arena):
    """kill() aimed at a process of the sandbox's own uid outside it, at the parent and its group."""
    sb = _sandbox(*SIGNAL_LAYERS[layer])
    try:
        _require(sb, layer)
        for other in SIGNAL_LAYERS[layer]:
            assert not sb.protections.get(other) or other == "landlock" and not sb.protections.get("landlock scoping")
        sb.request("load", source=KILLER, filename="killer.py")
        said = sb.request("call", name="attack", args=[arena.decoy.pid])
        assert sb.request("call", name="alive") == 1, said  # the supervisor and the grader are still there
        assert arena.decoy.poll() is None, said
        assert "signalled decoy" not in said and "signalled decoy's group" not in said
    finally:
        sb.close()


NETWORK_LAYERS = {"network namespace": ("landlock", "seccomp"), "landlock network": ("network namespace", "seccomp"),
                  "seccomp": ("network namespace", "landlock")}
CONNECTOR = """
import socket
def attack(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).sendall(b"x")
        return "connected"
    except OSError as exc:
        return f"{type(exc).__name__} {exc.errno}"
"""


@pytest.mark.parametrize("layer", list(NETWORK_LAYERS))
def test_connections_are_refused_by_each_layer_alone(layer, arena):
    sb = _sandbox(*NETWORK_LAYERS[layer])
    try:
        _require(sb, layer)
        sb.request("load", source=CONNECTOR, filename="connector.py")
        said = sb.request("call", name="attack", args=[int(arena.placeholders["__PORT__"])])
        assert said != "connected"
        assert arena.received() == []
    finally:
        sb.close()


READER = """
import os, sys
def attack(trap):
    repo = os.path.abspath(sys.argv[0])  # .../grader/sandbox/_inside/main.py
    while repo != os.sep and not os.path.isdir(repo + "/assignments"):
        repo = os.path.dirname(repo)
    out = {}
    for label, fn in (("hidden", lambda: open(repo + "/assignments/neural_network/hidden/reference.py").read()),
                      ("trap", lambda: open(trap + "/secret.txt").read()),
                      ("write", lambda: open(trap + "/landlock_alone.txt", "w").write("x")),
                      ("own folder", lambda: open("mine.txt", "w").write("x"))):
        try:
            fn()
            out[label] = "done"
        except OSError as exc:
            out[label] = type(exc).__name__
    return out
"""


def test_landlock_alone_keeps_the_repository_unreadable(arena):
    """Without the privilege drop (and without namespaces), Landlock alone still hides the files."""
    sb = _sandbox("privilege drop", "pid namespace", "network namespace", "seccomp")
    try:
        _require(sb, "landlock")
        sb.request("load", source=READER, filename="reader.py")
        said = sb.request("call", name="attack", args=[str(arena.trap)])
        assert said == {"hidden": "PermissionError", "trap": "PermissionError", "write": "PermissionError",
                        "own folder": "done"}
        assert not (arena.trap / "landlock_alone.txt").exists()
    finally:
        sb.close()


DETACHER = """
import os, signal, subprocess, time
def attack():
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            while True:
                time.sleep(1)
        os._exit(0)
    os.waitpid(pid, 0)
    if os.fork() == 0:
        os.setpgid(0, 0)
        while True:
            time.sleep(1)
    subprocess.Popen(["/bin/sleep", "3600"], start_new_session=True, env={"MARK": os.getcwd()})
    return 1
"""


@pytest.mark.parametrize("fork_server", [True, False], ids=["forked", "fresh"])
@pytest.mark.parametrize("disable", [(), ("pid namespace",), ("pid namespace", "subreaper")],
                         ids=["pid namespace", "subreaper", "marker scan"])
def test_close_leaves_no_process(disable, fork_server, tmp_path):
    """Detached grandchildren die with the sandbox: by the PID namespace, by the supervisor as their
    subreaper, or by the grader's last resort (the sandbox's folder in their command line), whether the
    sandbox was forked from the fork server or started as a fresh interpreter."""
    tmp_path.chmod(0o711)
    old, tempfile.tempdir = tempfile.tempdir, str(tmp_path)
    try:
        sb = Sandbox(small_limits(), disable=tuple(disable), fork_server=fork_server)
        sb.start()
        assert sb.launcher == ("fork server" if fork_server else "fresh interpreter")
    finally:
        tempfile.tempdir = old
    try:
        if disable:
            assert not sb.protections.get("pid namespace")
        sb.request("load", source=DETACHER, filename="detacher.py")
        assert sb.request("call", name="attack") == 1
        assert wait_for(lambda: len(leftovers(str(tmp_path))) >= 4, seconds=5)
    finally:
        sb.close()
    assert leftovers(str(tmp_path)) == []


UNLOADABLE = {
    "syntax error": (ROOT / "solutions" / "neural_network" / "mutants" / "syntax_error.py").read_text("utf-8"),
    "raises at import": "import numpy as np\nraise RuntimeError('top level')\nclass NeuralNetwork: pass\n",
    "wrong class name": (ROOT / "solutions" / "neural_network" / "mutants" / "class_named_neuralnet.py").read_text("utf-8"),
    "loops at top level": "while True:\n    pass\nclass NeuralNetwork:\n    pass\n",
}


@pytest.mark.parametrize("name", list(UNLOADABLE))
def test_a_file_that_cannot_be_graded_leaves_no_sandbox_behind(name, tmp_path):
    """However loading fails, every sandbox started for it is closed: no folder, no process."""
    tmp_path.chmod(0o711)
    path = tmp_path / "subs" / "student.py"
    path.parent.mkdir()
    path.write_text(UNLOADABLE[name], "utf-8")
    boxes = tmp_path / "boxes"
    boxes.mkdir()
    boxes.chmod(0o711)
    a = small(assignment_mod.load(NN))
    a = replace(a, load_timeout=1)
    old, tempfile.tempdir = tempfile.tempdir, str(boxes)
    try:
        result = pipeline.grade(a, Submission("s", path))
    finally:
        tempfile.tempdir = old
    assert result.score == 0 and all(c.status != "passed" for c in result.checks)
    assert os.listdir(boxes) == [] and leftovers(str(boxes)) == []


SUPERVISED = """
import sys, time
sys.path.insert(0, {root!r})
import tempfile
tempfile.tempdir = {folder!r}
from grader.sandbox import Sandbox, Limits
sb = Sandbox(Limits())
sb.start()
sb.request("load", source={detacher!r}, filename="detacher.py")
sb.request("call", name="attack")
print("ready", flush=True)
time.sleep(3600)
"""


def test_a_grader_killed_outright_takes_its_sandbox_with_it(tmp_path):
    """The supervisor holds a pipe from the grader: when the grader dies (even by SIGKILL), the
    supervisor kills everything the submission started."""
    tmp_path.chmod(0o711)
    code = SUPERVISED.format(root=str(ROOT), folder=str(tmp_path), detacher=DETACHER)
    grader = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert grader.stdout.readline().strip() == "ready"
        assert len(leftovers(str(tmp_path))) >= 4
    finally:
        grader.kill()
        grader.wait()
    assert wait_for(lambda: not leftovers(str(tmp_path)), seconds=5), leftovers(str(tmp_path))


STUCK = """
import os, threading, time
def hold_the_gil():
    time.sleep(0.3)
    os.write(1, b"holding the interpreter\\n")
    sum(range(10 ** 12))  # one C call: the interpreter never gets the GIL back to read the next request
def start():
    threading.Thread(target=hold_the_gil, daemon=True).start()
    return 1
def echo(x):
    return len(x)
"""


def test_the_grader_never_blocks_on_a_process_that_stops_reading():
    """A request too big for the pipe, sent to a process that no longer reads: a time-out, on time."""
    sb = _sandbox()
    try:
        sb.request("load", source=STUCK, filename="stuck.py")
        assert sb.request("call", name="start") == 1
        assert wait_for(lambda: "holding the interpreter" in sb.raw_output(), seconds=10)
        t = time.monotonic()
        with pytest.raises(StudentTimeout):
            sb.request("call", name="echo", args=["x" * (4 << 20)], timeout=1)
        assert time.monotonic() - t < 2.5
        assert not sb.alive
    finally:
        sb.close()


def test_a_hostile_frame_never_reaches_the_grader_as_anything_but_a_fault():
    sb = _sandbox()
    try:
        sb.request("load", source="import os, sys, struct\n"
                                  "def lie():\n"
                                  "    os.write(int(sys.argv[2]), struct.pack('>Q', 40) + b'{\"id\": 2, \"ok\": true, \"v\": {\"__x__\": 1}}')\n"
                                  "    return 1\n", filename="lie.py")
        with pytest.raises(StudentCrashed) as info:
            sb.request("call", name="lie")
        assert "malformed" in str(info.value) or "its own data" in str(info.value)
    finally:
        sb.close()


def test_startup_cost(capsys):
    """Starting a sandbox stays cheap; the figures per layer are printed (pytest -s) for docs/security.md."""
    starts, layers = [], {}
    for _ in range(6):
        sb = _sandbox()
        starts.append(sb.timings["start"])
        for k, v in sb.timings.items():
            layers.setdefault(k, []).append(v)
        sb.close()
    median = sorted(starts)[len(starts) // 2]
    with capsys.disabled():
        print("\nsandbox start-up, median ms: " +
              ", ".join(f"{k} {sorted(v)[len(v) // 2]:.1f}" for k, v in layers.items()))
    assert median < 2000
    assert sorted(layers["total"])[3] < 100  # the hardening itself, in the child


def test_an_unconfined_sandbox_still_answers():
    sb = Sandbox(small_limits(), confine=False)
    sb.start()
    try:
        assert sb.protections == {}
        sb.request("load", source="def f():\n    return 2\n", filename="f.py")
        assert sb.request("call", name="f") == 2
    finally:
        sb.close()


def test_a_fault_is_a_value_not_an_exception_of_the_grader():
    sb = _sandbox()
    try:
        sb.request("load", source="def f():\n    raise ValueError('<b>no</b>' * 5000)\n", filename="f.py")
        with pytest.raises(StudentFault) as info:
            sb.request("call", name="f")
        assert len(info.value.message) <= 2000
    finally:
        sb.close()


def test_an_ordinary_users_namespaces_map_its_own_uid():
    """The path a non-root grader takes (``root=False``): unshare a user namespace with the others,
    then map the uid and gid the process had before (read inside the new namespace they are 65534,
    which the kernel refuses to map).  Run in a child: unsharing changes the process for good."""
    from grader.sandbox._inside import isolate

    if not os.path.exists("/proc/self/uid_map"):
        pytest.skip("no user namespaces in this kernel")
    uid, gid = os.getuid(), os.getgid()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            spaces = isolate._unshare(False, set())
            text = json.dumps({"spaces": sorted(spaces), "uid": os.getuid(), "gid": os.getgid()})
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            text = json.dumps({"error": str(exc)})
        os.write(w, text.encode())
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as f:
        got = json.loads(f.read() or "{}")
    os.waitpid(pid, 0)
    if "error" in got and "refused" in got["error"] and uid != 0:
        pytest.skip(f"this kernel refuses an ordinary user's namespaces ({got['error']})")
    assert got.get("spaces") == ["ipc", "mount", "net", "pid", "user"], got
    assert (got["uid"], got["gid"]) == (uid, gid)


IPC_LAYERS = {"ipc namespace": ("seccomp",), "seccomp": ("ipc namespace",)}
SYSV = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
KEY = 0x5EED
def leave():
    shm = libc.shmget(KEY, 4096, 0o1000 | 0o666)  # IPC_CREAT
    if shm < 0:
        return f"refused {os.strerror(ctypes.get_errno())}"
    addr = libc.shmat(shm, None, 0)
    ctypes.memmove(addr, b"answers of the last student", 27)
    return "left a segment"
def find():
    shm = libc.shmget(KEY, 0, 0)
    if shm < 0:
        return f"none: {os.strerror(ctypes.get_errno())}"
    addr = libc.shmat(shm, None, 0)
    return "found: " + ctypes.string_at(addr, 27).decode()
"""


@pytest.mark.parametrize("layer", list(IPC_LAYERS))
def test_a_shared_memory_segment_never_reaches_another_sandbox(layer):
    """System V shared memory outlives the process that made it: one student's segment must not be
    found by the next, whether the IPC namespace or seccomp holds alone."""
    one, two = _sandbox(*IPC_LAYERS[layer]), _sandbox(*IPC_LAYERS[layer])
    try:
        _require(one, layer)
        for sb in (one, two):
            sb.request("load", source=SYSV, filename="sysv.py")
        left = one.request("call", name="leave")
        found = two.request("call", name="find")
        assert not found.startswith("found"), (left, found)
        if layer == "seccomp":
            assert left.startswith("refused") and "not permitted" in left
    finally:
        one.close()
        two.close()


REDTEAM = ROOT / "tests" / "data" / "redteam"  # found by a red-team session reading the grader's code


@pytest.mark.parametrize("name", sorted(p.name for p in REDTEAM.iterdir()))
def test_replies_forged_to_break_the_grader_cost_only_their_own_grade(name, tmp_path):
    """A forged load warning (a string for a line number) once made a grader fault and exit 3; replies
    padded with millions of empty lists took 11 s each to decode; forged warnings made a 28 MB report;
    a slow file that crashes in every method cost a reload per check.  Each now fails itself, bounded.

    The real-time bound here is the CPU limit itself (``wall_factor`` 1, no slack), the rule these files
    were written under: slow_load_then_crash's class body sleeps 3 s, which under the default bound (13 s
    for a 3 s load) loads, crashes and reloads up to MAX_STARTS times, 24 s of sleeping.  How each limit
    ends a call is ``test_cpu_time.py``'s subject."""
    a = small(assignment_mod.load(NN))
    a = replace(a, limits=replace(a.limits, wall_factor=1.0, wall_slack=0.0))
    result = pipeline.grade(a, Submission(Path(name).stem, REDTEAM / name))
    assert all(c.fault is None or c.fault.value != "grader" for c in result.checks), result.problem
    assert len(json.dumps(result.to_dict("en"))) < 200_000
    from grader.sandbox import MAX_STARTS
    assert result.seconds < MAX_STARTS * (a.load_timeout + a.limits.call_timeout) + 30
