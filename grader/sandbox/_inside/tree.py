"""A process tree, walked and killed: by the supervisor inside the sandbox when the student's process
ends, and by the grader (``client.py``) when it closes a sandbox.  Standard library only.

A killed pid may be reused at once by an unrelated process, so every kill checks the process's start
time first (and goes through a pidfd where there is one).
"""
from __future__ import annotations

import os
import shutil
import signal
import time


def reap_children(child: int) -> int | None:
    """Collects every ended child; returns ``child``'s wait status if it was among them."""
    status = None
    while True:
        try:
            pid, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return status
        if pid == 0:
            return status
        if pid == child:
            status = st


def _stat(pid: int) -> tuple[int, str, int] | None:
    """(parent pid, state, start time) of a process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read()
    except OSError:
        return None
    fields = raw[raw.rfind(b")") + 2:].split()
    try:
        return int(fields[1]), fields[0].decode(), int(fields[19])
    except (IndexError, ValueError):
        return None


def _children(pid: int) -> list[int]:
    out = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as f:
                out.extend(int(x) for x in f.read().split())
        except (OSError, ValueError):
            pass
    return out


_HAVE_CHILDREN_FILE = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def descendants(root: int) -> dict[int, int]:
    """Every living (non-zombie) descendant of ``root``: pid -> start time."""
    found: dict[int, int] = {}
    if _HAVE_CHILDREN_FILE:
        stack = [root]
        while stack:
            for pid in _children(stack.pop()):
                st = _stat(pid)
                if st is not None and pid not in found:
                    stack.append(pid)
                    if st[1] != "Z":
                        found[pid] = st[2]
        return found
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = _stat(int(name))
            if st is not None:
                table[int(name)] = st
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        kids.setdefault(ppid, []).append(pid)
    stack = [root]
    while stack:
        for pid in kids.get(stack.pop(), ()):
            if pid not in found:
                stack.append(pid)
                if table[pid][1] != "Z":
                    found[pid] = table[pid][2]
    return found


def _kill_exact(pid: int, start: int) -> None:
    """SIGKILL to ``pid`` if it is still the process that started at ``start`` (pids get reused)."""
    try:
        fd = os.pidfd_open(pid)
    except (OSError, AttributeError):
        st = _stat(pid)
        if st is not None and st[2] == start:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        return
    try:
        st = _stat(pid)
        if st is not None and st[2] == start:
            signal.pidfd_send_signal(fd, signal.SIGKILL)
    except OSError:
        pass
    finally:
        os.close(fd)


def kill_descendants(root: int, reap: bool = False, timeout: float = 5.0) -> bool:
    """Kills every descendant of ``root`` until none is left; True when none is."""
    deadline = time.monotonic() + timeout
    pause = 0.0002
    while True:
        found = descendants(root)
        if not found:
            return True
        for pid, start in found.items():
            _kill_exact(pid, start)
        if reap:
            reap_children(-2)
        if time.monotonic() > deadline:
            return False
        time.sleep(pause)  # a killed process takes a moment to become a zombie
        pause = min(pause * 2, 0.01)


def kill_marked(marker: str, timeout: float = 2.0) -> int:
    """Kills every process whose command line holds ``marker`` (the sandbox's private directory is in
    the command line of every process forked from the student's): the grader's last resort."""
    needle = marker.encode()
    me = os.getpid()
    killed = 0
    deadline = time.monotonic() + timeout
    while True:
        hits = {}
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) == me:
                continue
            try:
                with open(f"/proc/{name}/cmdline", "rb") as f:
                    if needle not in f.read():
                        continue
            except OSError:
                continue
            st = _stat(int(name))
            if st is not None and st[1] != "Z":
                hits[int(name)] = st[2]
        if not hits or time.monotonic() > deadline:
            return killed
        for pid, start in hits.items():
            _kill_exact(pid, start)
        killed += len(hits)
        time.sleep(0.005)


def remove_tree(path: str) -> None:
    """Removes a sandbox's private folder, whatever modes the student's code left on it."""
    def fix(func, p, _exc):
        try:
            os.chmod(os.path.dirname(p), 0o700)
            if os.path.isdir(p) and not os.path.islink(p):
                os.chmod(p, 0o700)
            func(p)
        except OSError:
            pass

    shutil.rmtree(path, onerror=fix)
    if os.path.exists(path):
        shutil.rmtree(path, ignore_errors=True)
