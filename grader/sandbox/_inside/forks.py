"""The fork server: a trusted process per grading worker that has paid for the interpreter, numpy and
the codec once and forks a pristine copy of itself for every sandbox.

It never runs student code and never holds any: each sandbox starts from the same state, so nothing of
one student's run reaches the next.  What the grader sends (``grader/sandbox/forkserver.py``) is the
sandbox's settings and its four descriptors (request, reply, lifeline, output file); what it answers is
the new process's pid (with a pidfd) and later its exit status.
"""
from __future__ import annotations

import json
import os
import sys
import time

from . import server, tree
from .shared import wire


def _mark_command_line(marker: str) -> bool:
    """Writes the sandbox's folder into this process's command line (where ``ps`` and /proc read it),
    as a fresh ``python main.py ... SETTINGS`` process has it, so the grader's last-resort scan for
    that folder finds every process forked from this one.  The fork server was started with padding
    in its arguments to make room (``wire.MARK_ROOM``)."""
    import ctypes

    with open("/proc/self/stat", "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    start, end = int(fields[45]), int(fields[46])  # arg_start, arg_end (fields 48 and 49)
    text = f"grader-sandbox {marker}".encode()
    if len(text) + 1 > end - start:
        return False
    ctypes.memmove(start, text + b"\0" * (end - start - len(text)), end - start)
    return True


def _become_sandbox(fds: list, settings: "wire.Settings", env: dict) -> None:
    """In the fork: the process a fresh ``python -I main.py`` would have been, then ``server.run``."""
    import signal

    try:
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        req_r, rep_w, life_r, out = fds
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        keep = sorted({0, 1, 2, req_r, rep_w, life_r})
        for low, high in zip(keep, keep[1:] + [1 << 16]):
            os.closerange(low + 1, high)
        os.setsid()
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in env.items()})
        settings = settings.with_lifeline(life_r)
        sys.argv[:] = [sys.argv[0], str(req_r), str(rep_w), settings.to_json()]
        os.chdir(settings.tmp)
        if not _mark_command_line(settings.tmp):
            os.write(2, b"[sandbox: the folder name is too long to mark the command line]\n")
        server.run(req_r, rep_w, settings)
    except BaseException:  # noqa: BLE001 - a fork that cannot become a sandbox ends; the grader sees EOF
        os._exit(70)
    os._exit(0)


def serve_forks(sock_fd: int) -> None:
    """The fork server's loop: spawn on request, report every exit, end when the grader hangs up."""
    import signal
    import socket

    import select as _select

    sock = socket.socket(fileno=sock_fd)
    server.prepare()
    from . import harden, isolate  # noqa: F401 - every fork hardens itself with them: import them once
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)  # the grader ends it, by closing the socket
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)

    def send(message: dict, fds: tuple = ()) -> None:
        data = json.dumps(message).encode()
        try:
            socket.send_fds(sock, [data], list(fds)) if fds else sock.send(data)
        except OSError:
            pass

    folders: dict[int, str] = {}  # a live sandbox's private folder, removed here if the grader dies first

    def reap() -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            folders.pop(pid, None)  # the grader removes the folder when it closes the sandbox
            send({"op": "exit", "pid": pid, "status": status})

    while True:
        try:
            ready, _, _ = _select.select([sock, wake_r], [], [])
        except InterruptedError:
            ready = []
        if wake_r in ready:
            try:
                os.read(wake_r, 512)
            except OSError:
                pass
        reap()
        if sock not in ready:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(sock, 1 << 20, 8)
        except OSError:
            data, fds = b"", []
        if not data:
            break
        rid = None
        try:
            request = json.loads(data)
            rid = request.get("id")
            if request.get("op") != "spawn" or len(fds) != 4:
                raise ValueError("a spawn request carries settings and four descriptors")
            settings = wire.Settings.from_json(request["settings"])
            pid = os.fork()
            if pid == 0:
                _become_sandbox(fds, settings, request.get("env") or {})
            folders[pid] = settings.tmp
            try:
                pidfd = os.pidfd_open(pid)
            except (AttributeError, OSError):
                pidfd = None
            send({"op": "spawned", "id": rid, "pid": pid}, (pidfd,) if pidfd is not None else ())
            if pidfd is not None:
                os.close(pidfd)
        except Exception as exc:  # noqa: BLE001 - a bad request is answered, the server goes on
            send({"op": "error", "id": rid, "message": f"{type(exc).__name__}: {exc}"[:300]})
        finally:
            for fd in fds:
                os.close(fd)
    _orphaned_folders(folders)
    os._exit(0)


def _orphaned_folders(folders: dict) -> None:
    """The grader hung up with sandboxes still running (it was killed): they end by themselves (their
    lifeline closed too); once they have, their private folders are removed, which nobody else will do."""
    left = dict(folders)
    deadline = time.monotonic() + 5
    while left and time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.02)
            continue
        path = left.pop(pid, None)
        if path:
            tree.remove_tree(path)
    # a sandbox still running after 5 s keeps its folder: better left behind than pulled away under it
