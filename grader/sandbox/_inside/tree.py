"""A process tree, walked and killed: by the supervisor inside the sandbox when the student's process
ends, and by the grader (``client.py``) when it closes a sandbox; and its CPU time, read by the grader
(``CpuMeter``) to judge a call's time limit.  Standard library only.

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


TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100  # /proc's unit of CPU time, per second


def _fields(raw: bytes) -> list[bytes] | None:
    """Fields 3 to 21 of a /proc/<pid>/stat line (state ... num_threads), after the command name, which
    may hold spaces and ")"; None for a line cut short."""
    fields = raw[raw.rfind(b")") + 2:].split(None, 18)
    return fields if len(fields) == 19 else None


class CpuMeter:
    """The CPU time a sandbox's processes have used, read by the grader from ``/proc`` (nothing the sandbox
    says about itself is believed).

    ``ticks()`` is the sum, over every descendant of ``root`` (the supervisor), zombies included, of
    utime + stime + cutime + cstime in ``/proc/<pid>/stat``: each process's own CPU time, all its threads
    (ended ones too), and that of the children it reaped; plus the root's own cutime + cstime, the
    orphans it reaped as their subreaper (without a PID namespace; with one, the sandbox's init reaps
    them and is a descendant).  With ``own_root`` the root's own time counts too: it runs student code
    itself (an unconfined sandbox has no supervisor).

    A process that ends moves its time into its reaper's cutime, so the sum only grows: a call's CPU time
    is the sum when it ends minus the sum when it was sent, whatever was forked, ended or reaped in
    between.  Each process is read before its descendants, so a time is never counted twice (a child
    reaped between two reads is missed for one look instead).  Not counted: the supervisor's own work
    (draining output), and a child whose parent set SIGCHLD to SIG_IGN: the kernel reaps it without
    adding its time anywhere, so only the looks made while it ran see it.

    The first call walks the tree (25-40 us for a sandbox's three processes) and keeps each process's
    ``stat`` and each thread's ``children`` file open; later calls re-read those (``pread``, about 1 us
    each) and walk again only when something changed: a process or thread gone, a thread added, a child
    started.  So a call's baseline costs about 10 us.
    """

    def __init__(self, root: int, own_root: bool = False) -> None:
        self.root, self.own_root = root, own_root
        self._known: list[tuple[int, bool, bytes, list[tuple[int, bytes]]]] | None = None
        # per process, in walk order: (stat fd, counts its own time, thread count, [(children fd, contents)])

    def ticks(self, fresh: bool = False) -> int:
        """The sum, in clock ticks.  ``fresh``: the tree may have grown since the last walk and it must be
        seen (a look while a call runs).  It matters only on kernels without the ``children`` file, where
        a new process cannot be noticed from the files kept open: there a fresh sum is a walk of /proc."""
        if self._known is not None and (_HAVE_CHILDREN_FILE or not fresh):
            total = self._reread()
            if total is not None:
                return total
        return self._walk()

    def _reread(self) -> int | None:
        """The sum from the files already open, or None when the tree changed since they were opened."""
        total, pread = 0, os.pread
        try:
            for stat_fd, own, threads, kids in self._known:
                fields = _fields(pread(stat_fd, 2048, 0))
                if fields[17] != threads:
                    return None
                for fd, seen in kids:
                    if pread(fd, 4096, 0) != seen:
                        return None
                total += _cpu(fields, own)
        except (OSError, TypeError):  # ESRCH: a process or thread is gone (its time is now its reaper's)
            return None
        return total

    def _walk(self) -> int:
        self.close()
        known, total = [], 0
        table = None if _HAVE_CHILDREN_FILE else _children_table()
        stack = [(self.root, self.own_root, None)]
        while stack:
            pid, own, parent = stack.pop()
            try:
                fd = os.open(f"/proc/{pid}/stat", os.O_RDONLY | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                fields = _fields(os.pread(fd, 2048, 0))
            except OSError:
                fields = None
            if fields is None or parent is not None and int(fields[1]) != parent:  # gone, or its pid reused
                os.close(fd)
                continue
            kids_files, kids = [], []
            if table is not None:
                kids = table.get(pid, [])
            else:
                try:
                    tids = os.listdir(f"/proc/{pid}/task")
                except OSError:
                    tids = []
                for tid in tids:
                    try:
                        cfd = os.open(f"/proc/{pid}/task/{tid}/children", os.O_RDONLY | os.O_CLOEXEC)
                    except OSError:
                        continue
                    try:
                        seen = os.pread(cfd, 4096, 0)
                    except OSError:
                        os.close(cfd)
                        continue
                    kids_files.append((cfd, seen if len(seen) < 4096 else b"(too many to watch)"))
                    kids.extend(int(x) for x in seen.split() if x.isdigit())
            known.append((fd, own, fields[17], kids_files))
            total += _cpu(fields, own)
            stack.extend((k, True, pid) for k in reversed(kids))
        self._known = known
        return total

    def close(self) -> None:
        for stat_fd, _, _, kids in self._known or ():
            for fd in [stat_fd] + [k for k, _ in kids]:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._known = None


def _cpu(fields: list[bytes], own: bool) -> int:
    """utime + stime (the process's own, when ``own``) + cutime + cstime, in clock ticks."""
    reaped = int(fields[13]) + int(fields[14])
    return reaped + int(fields[11]) + int(fields[12]) if own else reaped


def _children_table() -> dict[int, list[int]]:
    """Parent -> children for every process (kernels without the ``children`` file: a scan of /proc, and
    a process started since the last walk is then only found at the next one)."""
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = _stat(int(name))
            if st is not None:
                kids.setdefault(st[0], []).append(int(name))
    return kids


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
