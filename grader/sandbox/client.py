"""Start, limit, talk to and kill the process that runs one student's code.

The grader never runs student code itself: it sends a request over a pipe and reads plain data back
(``wire.py`` frames, ``feedback/plain.py`` values).  Every way a call can go wrong on the student's side
(an exception, a time-out, the process dying, a value that is not plain data) comes back as a
``StudentFault`` the checks can report, never as a fault of the grader.
"""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..feedback import loading, plain
from ..feedback.faults import StudentBadValue, StudentCrashed, StudentError, StudentTimeout
from . import forkserver, wire
from ._inside import tree
from .wire import Limits, Settings

MAIN = Path(__file__).with_name("_inside") / "main.py"
REPOSITORY = Path(__file__).resolve().parents[2]
LOOK_AFTER = 0.05   # seconds: a call answered sooner costs nothing but its baseline (a few microseconds)
LOOK_EVERY = 0.025  # seconds between two looks at the CPU time of a call that runs longer (counted in 10 ms ticks)


def child_environment(tmp: str) -> dict[str, str]:
    """A scrubbed environment: nothing of the TA's shell, one BLAS thread (see DESIGN: RLIMIT_AS)."""
    env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TMPDIR": tmp, "LANG": "C.UTF-8",
           "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg"}
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        env[var] = "1"
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # the machine's BLAS workarounds stay
        if var in os.environ:
            env[var] = os.environ[var]
    return env


@dataclass
class Sandbox:
    """One disposable child process running one submission's code.

    ``start`` launches ``_inside/main.py`` (or forks it from the fork server), which hardens itself
    before any student code runs and answers with the protections that are active; ``close`` kills every
    process the submission started, whatever it did to detach, and removes its private directory.
    ``disable`` names layers to leave off (the tests use it to show that each layer holds on its own).
    """

    limits: Limits = field(default_factory=Limits)
    confine: bool = True
    disable: tuple[str, ...] = field(default_factory=lambda: disabled_layers())
    fork_server: bool = True  # fork each sandbox from a warm fork server (False: a fresh interpreter)
    proc: subprocess.Popen | forkserver.Forked | None = None
    launcher: str = ""
    protections: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)   # why a protection is off
    timings: dict[str, float] = field(default_factory=dict)  # milliseconds per layer, and "start"
    _tmp: str | None = None
    _req: int | None = None
    _rep: int | None = None
    _life: int | None = None
    _out: Any = None
    _meter: tree.CpuMeter | None = None
    _next_id: int = 1
    last_output: str = ""
    last_dropped: int = 0  # characters the last reply's output went over the cap by
    last_warnings: list = field(default_factory=list)  # warnings the last call raised, "Category: message"

    # -- life cycle -----------------------------------------------------------------
    def start(self) -> None:
        t0 = time.perf_counter()
        self._tmp = tempfile.mkdtemp(prefix="grader-sbx-")
        os.chmod(self._tmp, 0o700)
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        life_r, life_w = os.pipe()  # never written: its end-of-file tells the supervisor the grader is gone
        settings = Settings(tmp=self._tmp, limits=self.limits, confine=self.confine, forbid=forbidden_paths(),
                            disable=tuple(self.disable), lifeline=life_r)
        # What the process writes to fds 1 and 2 lands in a file with no name, out of the student's reach.
        self._out = tempfile.TemporaryFile(prefix="grader-out-")
        try:
            self.proc = self._launch(settings, (req_r, rep_w, life_r, self._out.fileno()))
        except BaseException:
            for fd in (req_w, rep_r, life_w):
                os.close(fd)
            self.close()
            raise
        finally:
            for fd in (req_r, rep_w, life_r):
                os.close(fd)
        os.set_blocking(req_w, False)
        self._req, self._rep, self._life = req_w, rep_r, life_w
        hello = self._read_reply(wire.HELLO, Budget(None, None, 30.0)).get("value")
        if not isinstance(hello, dict):
            hello = {}
        self.protections = dict(hello.get("protections") or {})
        self.notes.update({str(k): str(v) for k, v in (hello.get("notes") or {}).items()})
        self.timings = {str(k): float(v) for k, v in (hello.get("ms") or {}).items()}
        self.timings["start"] = round((time.perf_counter() - t0) * 1000, 2)

    def _launch(self, settings: Settings, fds: tuple[int, int, int, int]):
        """A fork of this process's fork server (``forkserver.py``); a fresh interpreter when there is
        none or the TA turned it off (``GRADER_FORK_SERVER=0``)."""
        env = child_environment(self._tmp)
        if self.fork_server and os.environ.get("GRADER_FORK_SERVER", "1") != "0":
            try:
                proc = forkserver.shared(child_environment("/")).spawn(settings, env, fds)
                self.launcher = "fork server"
                return proc
            except forkserver.Unavailable as exc:
                self.notes["fork server"] = str(exc)[:200]
        req_r, rep_w, life_r, out = fds
        self.launcher = "fresh interpreter"
        return subprocess.Popen(
            [sys.executable, "-I", str(MAIN), str(req_r), str(rep_w), settings.to_json()],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, pass_fds=(req_r, rep_w, life_r),
            cwd=self._tmp, env=env, start_new_session=True)

    def close(self) -> None:
        """Kill the child and everything it started; remove its private directory."""
        if self._meter is not None:
            self._meter.close()
            self._meter = None
        if self.proc is not None:
            # With a PID namespace nothing the submission starts can leave it, and all of it dies with
            # the namespace's init: the scan of every process for the folder's name is not needed.
            contained = self.protections.get("pid namespace") is True
            _kill_tree(self.proc, None if contained else self._tmp)
            self.proc = None
        for attr in ("_req", "_rep", "_life"):
            fd = getattr(self, attr)
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
                setattr(self, attr, None)
        if self._out is not None:
            self._out.close()
            self._out = None
        if self._tmp:
            tree.remove_tree(self._tmp)
            self._tmp = None

    @property
    def alive(self) -> bool:
        return self.proc is not None and _running(self.proc)

    def __enter__(self) -> "Sandbox":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- requests -------------------------------------------------------------------
    def request(self, op: str, timeout: float | None = None, **fields: Any) -> Any:
        """Sends one request and returns the decoded value, or raises a StudentFault.

        ``timeout`` (default: the call limit) is seconds of CPU time of the sandbox's processes, with
        ``limits.wall_seconds(timeout)`` of real time as the backstop (see ``Budget``)."""
        self.last_warnings = []
        if not self.alive:
            raise StudentCrashed(self.proc.returncode if self.proc else None, self.raw_output())
        rid = self._next_id
        self._next_id += 1
        cpu = timeout if timeout is not None else self.limits.call_timeout
        if self._meter is None:
            self._meter = tree.CpuMeter(self.proc.pid, own_root=not self.confine)  # unconfined: no supervisor
        budget = Budget(self._meter, cpu, self.limits.wall_seconds(cpu))
        self._write_all(wire.frame(plain.dumps({"id": rid, "op": op, **fields})), budget)
        reply = self._read_reply(rid, budget)
        if reply.get("ok"):
            return reply.get("value")
        err = reply.get("error")
        if not isinstance(err, dict):
            err = {}
        if err.get("type") == "UnsendableValue":
            raise StudentBadValue(str(err.get("value_type", "?")), str(err.get("message", "")))
        frames = [f for f in err.get("frames") or [] if isinstance(f, dict) and isinstance(f.get("line"), int)] \
            if isinstance(err.get("frames"), list) else []
        line = err.get("line") if isinstance(err.get("line"), int) else None
        code = err.get("code") if isinstance(err.get("code"), str) else None
        error = StudentError(str(err.get("type"))[:200], str(err.get("message"))[:loading.MAX_MESSAGE],
                             frames[:loading.MAX_TRACEBACK], str(reply.get("output", "")), line, code)
        if isinstance(err.get("missing"), str):  # a name the grader asked for and the code lacks
            error.missing, error.missing_in = err["missing"][:100], str(err.get("missing_in") or "")[:100]
        raise error

    def _write_all(self, data: bytes, budget: Budget) -> None:
        """Writes a request without ever blocking past the budget (a student that stops reading)."""
        view = memoryview(data)
        while view:
            wait = budget.wait()
            if budget.ended:
                raise self._timed_out(budget)
            try:
                _, ready, _ = select.select([], [self._req], [], wait)
                if ready:
                    view = view[os.write(self._req, view):]
            except BlockingIOError:
                continue
            except OSError:  # EPIPE: nobody reads requests any more
                raise self._crashed() from None

    def _read_reply(self, rid: int, budget: Budget) -> dict:
        header = self._read_exact(wire.HEADER.size, budget)
        (length,) = wire.HEADER.unpack(header)
        if length > wire.MAX_REPLY:
            raise self._violated(f"it sent a reply of {length} bytes, over the {wire.MAX_REPLY >> 20} MB limit")
        body = self._read_exact(length, budget)
        if budget.over():  # judged on all it used, however the looks fell: the same verdict under any load
            raise self._timed_out(budget)
        try:
            reply = plain.loads(body)
        except plain.NotPlainData as exc:
            raise self._violated(f"it sent a malformed reply ({str(exc)[:100]})") from None
        except Exception as exc:  # noqa: BLE001 - bytes chosen by the student must never crash the grader
            raise self._violated(f"it sent a malformed reply ({type(exc).__name__})") from None
        if reply.get("id") != rid:
            raise self._violated("it wrote its own data to the grader's reply pipe")
        reply = _clean(reply)
        output = reply.get("output", "")
        self.last_output = output if isinstance(output, str) else ""
        dropped = reply.get("dropped")
        self.last_dropped = dropped if type(dropped) is int and dropped > 0 else 0
        warned = reply.get("warnings")
        self.last_warnings = [w for w in warned if isinstance(w, str)] if isinstance(warned, list) else []
        return reply

    def _read_exact(self, n: int, budget: Budget) -> bytes:
        chunks, left = [], n
        while left:
            wait = budget.wait()
            if budget.ended:
                raise self._timed_out(budget)
            ready, _, _ = select.select([self._rep], [], [], wait)
            if not ready:
                continue
            try:
                chunk = os.read(self._rep, min(left, 1 << 20))
            except OSError:
                chunk = b""
            if not chunk:
                raise self._crashed()
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _timed_out(self, budget: Budget) -> StudentTimeout:
        output = self.raw_output()
        self.close()
        if budget.ended == "cpu":
            return StudentTimeout(budget.cpu, output, limit="cpu")
        return StudentTimeout(budget.wall, output, limit="wall")

    def _violated(self, cause: str) -> StudentCrashed:
        """The process broke the protocol (only code writing to the pipe itself can): it is stopped."""
        output = self.raw_output()
        self.close()
        return StudentCrashed(None, output, cause)

    def _crashed(self) -> StudentCrashed:
        """The pipe closed: the process died (its supervisor then ends the same way, at once), or the
        student's code closed the pipe itself and lives on."""
        code, cause = None, ""
        if self.proc is not None:
            try:
                code = self.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                cause = "it closed the grader's pipes"
        output = self.raw_output()
        self.close()
        return StudentCrashed(code, output, cause)

    def raw_output(self, limit: int = 8192) -> str:
        """What the process wrote to its own stdout/stderr file descriptors (capped)."""
        if self._out is None:
            return ""
        try:
            return os.pread(self._out.fileno(), limit, 0).decode("utf-8", "replace")
        except OSError:
            return ""


class Budget:
    """The time one request may take: ``cpu`` seconds of CPU time of the sandbox's processes (the judge),
    and ``wall`` seconds of real time (the backstop for code that waits or sleeps; ``Limits.wall_seconds``).
    Without a meter (the sandbox's hello, trusted code) only the real time counts.

    The CPU time is measured from the grader's side (``tree.CpuMeter``): a baseline when the request is
    sent, then a look every ``LOOK_EVERY`` seconds once the call has run ``LOOK_AFTER`` seconds, and one
    last look when a call that ran that long answers.  A call answered within ``LOOK_AFTER`` costs only the
    baseline.  ``ended`` says which limit was reached: "cpu" or "wall".
    """

    def __init__(self, meter: tree.CpuMeter | None, cpu: float | None, wall: float) -> None:
        self.meter, self.cpu, self.wall = meter, cpu, wall
        self.base = meter.ticks() if meter is not None else 0
        self.start = time.monotonic()
        self.deadline = self.start + wall
        self.next_look = self.start + LOOK_AFTER if meter is not None else self.deadline
        self.used = 0.0            # CPU seconds at the last look
        self.ended: str | None = None

    def wait(self) -> float:
        """Seconds a select() may block before the next look; 0 once a limit is reached (``ended``)."""
        now = time.monotonic()
        if now >= self.next_look or now >= self.deadline:
            self._look(now)
        if self.ended:
            return 0.0
        return max(0.0, min(self.next_look, self.deadline) - now)

    def over(self) -> bool:
        """After the answer came: whether the call, once it ran long enough to be looked at, used up its
        CPU time (so the verdict depends on the CPU used, not on when the looks happened to fall)."""
        if self.meter is not None and not self.ended and time.monotonic() - self.start >= LOOK_AFTER:
            self._measure()
        return self.ended == "cpu"

    def _look(self, now: float) -> None:
        if self.meter is not None and now - self.start >= LOOK_AFTER:
            if self._measure():
                return
            self.next_look = now + LOOK_EVERY
        if now >= self.deadline:
            self.ended = "wall"

    def _measure(self) -> bool:
        self.used = (self.meter.ticks(fresh=True) - self.base) / tree.TICKS
        if self.used >= self.cpu:
            self.ended = "cpu"
        return self.ended == "cpu"


def _clean(value: Any) -> Any:
    """Strings from the sandbox made safe to write anywhere: lone surrogates (which no UTF-8 report could
    hold) replaced.  Arrays and numbers pass as they are."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def disabled_layers() -> tuple[str, ...]:
    """Layers a TA turned off for this run: ``GRADER_SANDBOX_DISABLE="landlock,seccomp"`` (to find out
    whether a layer is what breaks an assignment on some machine; reports then show it inactive)."""
    raw = os.environ.get("GRADER_SANDBOX_DISABLE", "")
    return tuple(p.strip() for p in raw.split(",") if p.strip())


def forbidden_paths() -> list[str]:
    """Folders the sandbox must never read even where a wider rule would allow it: the repository (the
    hidden checks, solutions, reports), the grader's working directory and the home directory."""
    paths = {str(REPOSITORY), os.getcwd(), os.path.expanduser("~")}
    return sorted(p for p in paths if p and p != os.sep)


def _running(proc: subprocess.Popen | forkserver.Forked) -> bool:
    return proc.running() if isinstance(proc, forkserver.Forked) else proc.poll() is None


def _kill_tree(proc: subprocess.Popen | forkserver.Forked, marker: str | None) -> None:
    """Kills the supervisor's descendants (it is their subreaper, or they live in its PID namespace),
    then the supervisor; then, as a last resort, anything still carrying the sandbox's marker."""
    if _running(proc):
        tree.kill_descendants(proc.pid)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    if marker:
        tree.kill_marked(marker)
