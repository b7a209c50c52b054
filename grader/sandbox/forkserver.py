"""A fork server per grading process, so a sandbox costs a fork instead of an interpreter and numpy.

Starting ``python -I _inside/main.py`` and importing numpy takes ~45 of a sandbox's ~70 ms of start-up;
a class of 300 pays it 300 times.  The fork server is ``main.py --fork-server`` (``_inside/forks.py``): a
trusted process that imports numpy and the codec once, then forks a copy of itself for every sandbox.
It never runs student code, so every sandbox still starts from the same pristine state (a fresh sandbox
per submission stays the rule; nothing of one student's run reaches the next).  The fork then confines
itself exactly as a freshly started child does (``_inside/isolate.py``, ``_inside/harden.py``).

The grader keeps a ``Forked`` handle with the parts of ``subprocess.Popen`` the sandbox uses (pid,
poll, wait, kill, returncode).  The sandbox is the fork server's child, not the grader's, so its exit
status comes from the fork server; a pidfd (sent along with the pid) makes every signal go to the
right process, however late.  Anything wrong with the fork server makes ``spawn`` raise
``Unavailable`` and the sandbox start the old way.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .wire import MARK_ROOM, Settings

MAIN = Path(__file__).with_name("_inside") / "main.py"
MAX_RESTARTS = 3


class Unavailable(Exception):
    """The fork server could not start or stopped answering: start this sandbox the old way."""


class ForkServer:
    """One ``main.py --fork-server`` process and the socket to it."""

    def __init__(self, env: dict[str, str]) -> None:
        self.sock: socket.socket | None = None
        self.proc: subprocess.Popen | None = None
        self.exits: dict[int, int] = {}  # pid -> wait status, as the fork server reported them
        self._next = 1
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", str(MAIN), "--fork-server", str(theirs.fileno()), "-" * MARK_ROOM],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),), cwd="/", env=env, start_new_session=True)
        except OSError as exc:
            ours.close()
            raise Unavailable(f"could not start the fork server: {exc}") from None
        finally:
            theirs.close()
        self.sock = ours

    @property
    def alive(self) -> bool:
        return self.sock is not None and self.proc is not None and self.proc.poll() is None

    def spawn(self, settings: Settings, env: dict[str, str], fds: tuple[int, int, int, int],
              timeout: float = 30.0) -> "Forked":
        """A new sandbox process; ``fds`` are its request-read, reply-write, lifeline-read and output
        descriptors (the caller keeps and closes its own copies)."""
        if not self.alive:
            raise Unavailable("the fork server is not running")
        rid = self._next
        self._next += 1
        data = json.dumps({"op": "spawn", "id": rid, "settings": settings.to_json(), "env": env}).encode()
        try:
            socket.send_fds(self.sock, [data], list(fds))
        except OSError as exc:
            self.close()
            raise Unavailable(f"the fork server stopped listening: {exc}") from None
        deadline = time.monotonic() + timeout
        while True:
            message, pidfds = self._receive(deadline - time.monotonic())
            if message is None:
                self.close()
                raise Unavailable("the fork server did not answer")
            if message.get("id") == rid and message.get("op") == "spawned" and isinstance(message.get("pid"), int):
                # An exit filed under this pid belongs to an earlier process (the fork server reported it
                # before it could fork again with the same pid): it is not the new one's.
                self.exits.pop(message["pid"], None)
                return Forked(self, message["pid"], pidfds[0] if pidfds else None)
            for fd in pidfds:
                os.close(fd)
            if message.get("id") == rid:
                raise Unavailable(str(message.get("message", "the fork server refused")))

    def collect(self, timeout: float = 0.0) -> None:
        """Reads the exit statuses that have arrived (waiting up to ``timeout`` for the first)."""
        deadline = time.monotonic() + timeout
        while self.sock is not None:
            message, fds = self._receive(max(0.0, deadline - time.monotonic()))
            for fd in fds:
                os.close(fd)
            if message is None:
                return
            deadline = time.monotonic()  # after the first, only what is already there

    def _receive(self, timeout: float) -> tuple[dict | None, list[int]]:
        """One message (exit statuses are filed on the way), or None after ``timeout``."""
        if self.sock is None:
            return None, []
        try:
            ready, _, _ = select.select([self.sock], [], [], max(0.0, timeout))
            if not ready:
                return None, []
            data, fds, _, _ = socket.recv_fds(self.sock, 1 << 16, 4)
        except OSError:
            data, fds = b"", []
        if not data:
            self.close()
            return None, fds
        try:
            message = json.loads(data)
        except ValueError:
            return {}, fds
        if message.get("op") == "exit" and isinstance(message.get("pid"), int):
            self.exits[message["pid"]] = int(message.get("status", 0))
        return message, fds

    def close(self) -> None:
        """Hangs up: the fork server ends (the sandboxes it started keep their own lifelines)."""
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None


class Forked:
    """A sandbox process started by the fork server, seen through the ``Popen`` interface."""

    def __init__(self, server: ForkServer, pid: int, pidfd: int | None) -> None:
        self.server, self.pid, self.pidfd = server, pid, pidfd
        self.returncode: int | None = None
        self.exited = False  # known to have ended, even when its status could not be learnt

    def _ended(self, wait: float = 1.0) -> bool:
        """Whether the process has ended; once it has, its status (the fork server reaps it at once, so
        waiting up to ``wait`` for the report is enough)."""
        if self.exited:
            return True
        if self.pidfd is not None and not select.select([self.pidfd], [], [], 0)[0]:
            return False  # still running: the kernel says so, no need to ask the fork server
        deadline = time.monotonic() + (wait if self.pidfd is not None else 0.0)
        while True:
            self.server.collect()
            if self.pid in self.server.exits:
                self._finish(self.server.exits.pop(self.pid))
                return True
            if self.pidfd is None:
                return False
            if not self.server.alive or time.monotonic() > deadline:
                self._finish(None)  # it ended, and nobody is left to say how
                return True
            self.server.collect(min(0.05, max(0.0, deadline - time.monotonic())))

    def _finish(self, status: int | None) -> None:
        self.exited = True
        self.returncode = os.waitstatus_to_exitcode(status) if status is not None else None
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None

    def poll(self) -> int | None:
        self._ended()
        return self.returncode

    def running(self) -> bool:
        return not self._ended()

    def wait(self, timeout: float | None = None) -> int | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._ended():
            left = 0.05 if deadline is None else deadline - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired(f"sandbox {self.pid}", timeout or 0)
            self.server.collect(min(left, 0.05))
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.exited:
            return
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, sig)
            else:
                os.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


_shared: ForkServer | None = None
_owner = 0
_restarts = 0


def shared(env: dict[str, str]) -> ForkServer:
    """This process's fork server, started on first use (a forked worker starts its own)."""
    global _shared, _owner, _restarts
    if _shared is not None and _owner != os.getpid():  # inherited across a fork: not ours to use
        if _shared.sock is not None:
            _shared.sock.close()
        _shared, _restarts = None, 0
    if _shared is not None and not _shared.alive:
        _shared.close()
        _shared = None
        _restarts += 1
    if _shared is None:
        if _restarts >= MAX_RESTARTS:
            raise Unavailable(f"the fork server stopped {_restarts} times in this process")
        _shared, _owner = ForkServer(env), os.getpid()
    return _shared


def _close_shared() -> None:
    if _shared is not None and _owner == os.getpid():
        _shared.close()


atexit.register(_close_shared)
