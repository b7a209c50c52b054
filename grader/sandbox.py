"""Start, limit, talk to and kill the process that runs one student's code.

The grader never runs student code itself: it sends a request over a pipe and reads plain data back
(``wire.py``).  Every way a call can go wrong on the student's side (an exception, a time-out, the
process dying, a value that is not plain data) comes back as a ``StudentFault`` value the checks can
report, never as a fault of the grader.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import wire

CHILD = Path(__file__).with_name("_child.py")
CONFINE = Path(__file__).with_name("confine.py")


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandbox, from the assignment's config."""

    call_timeout: float = 5.0
    memory_mb: int = 1024
    file_size_mb: int = 16
    open_files: int = 64
    processes: int = 64
    output_kb: int = 64


class StudentFault(Exception):
    """Something the student's code did that fails the check in hand (never a grader bug)."""

    kind = "error"


class StudentError(StudentFault):
    """The student's code raised an exception."""

    def __init__(self, type_name: str, message: str, frames: list[dict], output: str = "",
                 line: int | None = None, code: str | None = None) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name, self.message, self.frames, self.output = type_name, message, frames, output
        self.line, self.code = line, code


class StudentTimeout(StudentFault):
    kind = "timeout"

    def __init__(self, seconds: float, output: str = "") -> None:
        super().__init__(f"timed out after {seconds:g} s")
        self.seconds, self.output = seconds, output


class StudentCrashed(StudentFault):
    kind = "crash"

    def __init__(self, exit_code: int | None, output: str = "", cause: str = "") -> None:
        self.exit_code, self.output, self.cause = exit_code, output, cause
        super().__init__(describe_exit(exit_code) + (f" ({cause})" if cause else ""))


class StudentBadValue(StudentFault):
    """The student's code returned something that is not plain numeric data."""

    kind = "type"

    def __init__(self, type_name: str, detail: str = "") -> None:
        super().__init__(f"returned a value of type {type_name} that is not plain data" +
                         (f": {detail}" if detail else ""))
        self.type_name, self.detail = type_name, detail


def describe_exit(code: int | None) -> str:
    if code is None:
        return "the student's process stopped answering"
    if code < 0:
        sig = -code
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        reasons = {signal.SIGSEGV: "segmentation fault", signal.SIGKILL: "killed (memory or CPU limit?)",
                   signal.SIGXCPU: "CPU time limit", signal.SIGXFSZ: "file size limit",
                   signal.SIGABRT: "aborted"}
        return f"the student's process died from signal {name}" + (
            f", {reasons[sig]}" if sig in reasons else "")
    return f"the student's process exited with code {code}"


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
    """One disposable child process running one submission's code."""

    limits: Limits = field(default_factory=Limits)
    confine: bool = True
    proc: subprocess.Popen | None = None
    protections: dict[str, Any] = field(default_factory=dict)
    _tmp: str | None = None
    _req: Any = None
    _rep: int | None = None
    _next_id: int = 1
    last_output: str = ""

    # -- life cycle -----------------------------------------------------------------
    def start(self) -> None:
        self._tmp = tempfile.mkdtemp(prefix="grader-sbx-")
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        settings = {"tmp": self._tmp, "limits": self.limits.__dict__,
                    "confine_module": str(CONFINE) if self.confine and CONFINE.exists() else None,
                    "python_paths": sorted({sys.prefix, sys.base_prefix, sys.exec_prefix,
                                            os.path.dirname(os.path.realpath(sys.executable))}),
                    "child_dir": str(CHILD.parent)}
        out = open(os.path.join(self._tmp, ".output"), "wb")
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", str(CHILD), str(req_r), str(rep_w), json.dumps(settings)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=out, pass_fds=(req_r, rep_w),
                cwd=self._tmp, env=child_environment(self._tmp), start_new_session=True)
        finally:
            out.close()
            os.close(req_r)
            os.close(rep_w)
        self._req = os.fdopen(req_w, "wb", buffering=0)
        self._rep = rep_r
        hello = self._read_reply(0, timeout=30.0)
        self.protections = hello.get("value") or {}

    def close(self) -> None:
        """Kill the child and everything it started; remove its private directory."""
        if self.proc is not None:
            _kill_tree(self.proc)
            self.proc = None
        for f in (self._req,):
            try:
                f and f.close()
            except OSError:
                pass
        if self._rep is not None:
            os.close(self._rep)
        self._req = self._rep = None
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def __enter__(self) -> "Sandbox":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- requests -------------------------------------------------------------------
    def request(self, op: str, timeout: float | None = None, **fields: Any) -> Any:
        """Sends one request and returns the decoded value, or raises a StudentFault."""
        if not self.alive:
            raise StudentCrashed(self.proc.returncode if self.proc else None, self.raw_output())
        rid = self._next_id
        self._next_id += 1
        try:
            self._req.write(wire.encode({"id": rid, "op": op, **fields}))
        except (BrokenPipeError, OSError):
            raise self._crashed() from None
        reply = self._read_reply(rid, timeout if timeout is not None else self.limits.call_timeout)
        if reply.get("ok"):
            return reply.get("value")
        err = reply.get("error") or {}
        if err.get("type") == "UnsendableValue":
            raise StudentBadValue(str(err.get("value_type", "?")), str(err.get("message", "")))
        raise StudentError(str(err.get("type")), str(err.get("message")), list(err.get("frames") or []),
                           str(reply.get("output", "")), err.get("line"), err.get("code"))

    def _read_reply(self, rid: int, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        header = self._read_exact(wire._HEADER.size, deadline, timeout)
        (length,) = wire._HEADER.unpack(header)
        if length > wire.MAX_FRAME:
            self.close()
            raise StudentBadValue("oversized reply", f"{length} bytes")
        body = self._read_exact(length, deadline, timeout)
        try:
            reply = wire.decode(body)
        except wire.WireError as exc:
            self.close()
            raise StudentBadValue("malformed reply", str(exc)) from None
        if reply.get("id") != rid:
            self.close()
            raise StudentBadValue("reply out of order", "the process wrote to the grader's pipe itself")
        self.last_output = str(reply.get("output", ""))
        return reply

    def _read_exact(self, n: int, deadline: float, timeout: float) -> bytes:
        chunks, left = [], n
        while left:
            wait = deadline - time.monotonic()
            if wait <= 0:
                output = self.raw_output()
                self.close()
                raise StudentTimeout(timeout, output)
            ready, _, _ = select.select([self._rep], [], [], wait)
            if not ready:
                continue
            chunk = os.read(self._rep, min(left, 1 << 20))
            if not chunk:
                raise self._crashed()
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _crashed(self) -> StudentCrashed:
        code = None
        if self.proc is not None:
            try:
                code = self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                code = None
        output = self.raw_output()
        self.close()
        return StudentCrashed(code, output)

    def raw_output(self, limit: int = 8192) -> str:
        """What the process wrote to its own stdout/stderr file descriptors (capped)."""
        if not self._tmp:
            return ""
        try:
            with open(os.path.join(self._tmp, ".output"), "rb") as f:
                return f.read(limit).decode("utf-8", "replace")
        except OSError:
            return ""


def _kill_tree(proc: subprocess.Popen) -> None:
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
