"""The process tree of a sandbox, built before numpy is imported (the supervisor stays small and cheap
to fork)::

    supervisor  (the grader's direct child, or the fork server's; trusted; never runs student code)
     |  new user, network, IPC, PID and mount namespaces where the kernel allows;
     |  a private tmpfs as the working directory; child subreaper; drains and caps the student's fd 1/2;
     |  kills every descendant when the student's process ends or the grader goes away
     +-- init  (PID 1 of the new PID namespace, trusted: reaps orphans; when it ends, the kernel kills
          |     every process left in the namespace.  Absent without a PID namespace.)
          +-- student  (setsid, its own session; then ``harden.py``) -> ``isolate`` returns here only

Every layer is tried on its own: one the kernel refuses is reported as inactive, with the reason in
``notes``, and grading goes on with the others.
"""
from __future__ import annotations

import ctypes
import os
import resource
import select
import signal
import struct
import time

from . import tree
from .kernel import (CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER, MS_NODEV, MS_NOEXEC,
                     MS_NOSUID, MS_PRIVATE, MS_REC, NOBODY, PR_SET_CHILD_SUBREAPER, PR_SET_DUMPABLE, PR_SET_PDEATHSIG,
                     Layers, libc, note, ok, prctl, write_all, write_file)
from .shared import wire

Settings = wire.Settings


def isolate(settings: Settings, fds: tuple[int, int]) -> Layers:
    """Builds the supervisor / init / student tree; returns, in the student's process only, what was
    done so far (then ``harden`` it).  The other processes never return.

    Runs before numpy is imported: the supervisor stays a small process, cheap to fork.
    """
    t0 = time.perf_counter()
    layers = Layers()
    disabled = set(settings.disable)
    limits = settings.limits
    tmp = settings.tmp
    root = os.geteuid() == 0
    rfd, wfd = fds
    lifeline = settings.lifeline

    spaces = layers.run("namespaces", _unshare, root, disabled) or set()
    layers.protections.pop("namespaces", None)
    layers.protections["user namespace"] = "user" in spaces
    if "user" not in spaces:
        layers.notes["user namespace"] = "disabled by the grader's settings" if "user namespace" in disabled \
            else layers.notes.get("namespaces", "the kernel refused it")
    layers.protections["network namespace"] = "net" in spaces
    layers.protections["ipc namespace"] = "ipc" in spaces
    layers.protections["pid namespace"] = "pid" in spaces
    for name, key in (("network namespace", "net"), ("ipc namespace", "ipc"), ("pid namespace", "pid")):
        if key not in spaces:
            layers.notes[name] = (
                "disabled by the grader's settings" if name in disabled else
                "an ordinary user needs a user namespace for it, and there is none" if not root and "user" not in spaces
                else layers.notes.get("namespaces", "the kernel refused it"))
    layers.notes.pop("namespaces", None)

    owner = (NOBODY, NOBODY) if root else (os.getuid(), os.getgid())
    quota_mb = limits.quota_mb
    if "mount" in spaces:
        layers.run("private tmpfs", _mount_tmpfs, tmp, quota_mb, owner)
    else:
        layers.protections["private tmpfs"] = False
        layers.notes["private tmpfs"] = "no mount namespace: only the per-file size limit applies"
    if root and not layers.protections.get("private tmpfs"):
        os.chown(tmp, *owner)
    os.chdir(tmp)
    try:
        if "subreaper" not in disabled:
            prctl(PR_SET_CHILD_SUBREAPER, 1, "PR_SET_CHILD_SUBREAPER")
        subreaper = "subreaper" not in disabled
    except OSError:
        subreaper = False
    layers.protections["process cleanup"] = [note("pid_namespace" if "pid" in spaces else
                                                  "subreaper" if subreaper else "tree_walk")]
    try:
        prctl(PR_SET_DUMPABLE, 0)  # the supervisor mirrors the student's fatal signal: no core file
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError):
        pass
    out_r, out_w = os.pipe()
    status_r, status_w = os.pipe() if "pid" in spaces else (None, None)
    layers.ms["isolate"] = round((time.perf_counter() - t0) * 1000, 2)

    t1 = time.perf_counter()
    child = os.fork()
    if child == 0:
        os.close(out_r)
        if lifeline is not None:
            os.close(lifeline)
        if status_r is not None:
            os.close(status_r)
            prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
            student = os.fork()
            if student != 0:  # PID 1 of the namespace
                _init(student, status_w)
            os.close(status_w)
        layers.ms["fork"] = round((time.perf_counter() - t1) * 1000, 2)
        _student_process(tmp, out_w)
        layers.root, layers.spaces, layers.disabled, layers.t0 = root, spaces, disabled, t0
        return layers
    os.close(out_w)
    if status_w is not None:
        os.close(status_w)
    for fd in (rfd, wfd):  # the student's process alone holds the pipes: its death is an EOF at the grader
        os.close(fd)
    _supervise(child, out_r, status_r, lifeline, limits.output_kb * 1024,
               None if layers.protections.get("private tmpfs") else (tmp, quota_mb))


def _unshare(root: bool, disabled: set[str]) -> set[str]:
    """New namespaces for the supervisor and everything it starts: the widest set the kernel allows.

    A user namespace comes first when it can: it is what lets an ordinary user create the others, and
    for a root grader it gives the sandbox's uid 65534 a process count (RLIMIT_NPROC) of its own, so one
    student's fork bomb does not use up another's processes.
    """
    names = {"net": "network namespace", "ipc": "ipc namespace", "pid": "pid namespace", "mount": "private tmpfs"}
    want = [(n, f) for n, f in (("net", CLONE_NEWNET), ("ipc", CLONE_NEWIPC), ("pid", CLONE_NEWPID),
                                ("mount", CLONE_NEWNS)) if names[n] not in disabled]
    user = "user namespace" not in disabled
    attempts = []
    for k in range(len(want), 0, -1):  # all of them, then fewer (the last ones first)
        flags = 0
        for _, f in want[:k]:
            flags |= f
        chosen = {n for n, _ in want[:k]}
        if user:
            attempts.append((flags | CLONE_NEWUSER, chosen | {"user"}))
        if root:
            attempts.append((flags, chosen))
    errors = []
    uid, gid = os.getuid(), os.getgid()  # before unsharing: inside a new, unmapped namespace both read 65534
    for flags, chosen in attempts:
        try:
            if flags & CLONE_NEWUSER and root:
                _unshare_mapped(flags)
            else:
                ok(libc().unshare(flags), "unshare")
                if flags & CLONE_NEWUSER:
                    write_file("/proc/self/setgroups", "deny")
                    write_file("/proc/self/uid_map", f"{uid} {uid} 1")
                    write_file("/proc/self/gid_map", f"{gid} {gid} 1")
            return chosen
        except OSError as exc:
            errors.append(exc.strerror or str(exc))
    if not attempts:
        return set()
    raise OSError(1, f"unshare refused ({errors[0]})")


def _unshare_mapped(flags: int) -> None:
    """Root: a user namespace in which root is root and 65534 is 65534.  Only a process outside it may
    write that map, so a helper forked beforehand writes it once the supervisor has unshared."""
    go_r, go_w = os.pipe()
    done_r, done_w = os.pipe()
    helper = os.fork()
    if helper == 0:
        try:
            os.close(go_w)
            os.close(done_r)
            ok = b"n"
            if os.read(go_r, 1) == b"y":
                target = os.getppid()
                for name in ("uid_map", "gid_map"):
                    write_file(f"/proc/{target}/{name}", f"0 0 1\n{NOBODY} {NOBODY} 1\n")
                ok = b"y"
        except BaseException:  # noqa: BLE001 - the supervisor falls back to fewer namespaces
            ok = b"n"
        try:
            os.write(done_w, ok)
        finally:
            os._exit(0)
    os.close(go_r)
    os.close(done_w)
    try:
        failed = libc().unshare(flags) != 0
        err = ctypes.get_errno()
        os.write(go_w, b"n" if failed else b"y")
        answer = os.read(done_r, 1)
    finally:
        os.close(go_w)
        os.close(done_r)
        os.waitpid(helper, 0)
    if failed:
        raise OSError(err, f"unshare: {os.strerror(err)}")
    if answer != b"y":  # unshared, but without a map: nothing in here could work.  Give up the sandbox.
        raise SystemExit("the user namespace could not be mapped")


def _mount_tmpfs(tmp: str, size_mb: int, owner: tuple[int, int]) -> str:
    """The working directory becomes a tmpfs of bounded size, seen by the sandbox only."""
    c = libc()
    ok(c.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "making mounts private")
    opts = f"size={size_mb}m,nr_inodes=4096,mode=0700,uid={owner[0]},gid={owner[1]}".encode()
    ok(c.mount(b"tmpfs", tmp.encode(), b"tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, opts), "mounting the tmpfs")
    return [note("size_mb", mb=size_mb)]


def _init(student: int, status_w: int) -> None:
    """PID 1 of the sandbox's PID namespace: reaps orphans; reports the student's exit and ends."""
    os.closerange(3, status_w)
    os.closerange(status_w + 1, 1 << 16)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            os._exit(0)
        except InterruptedError:
            continue
        if pid == student:
            os.write(status_w, struct.pack("<i", status))
            os._exit(0)  # the kernel now kills every process left in the namespace


def _supervise(child: int, out_r: int, status_r: int | None, lifeline: int | None, cap: int,
               watch: tuple[str, int] | None) -> None:
    """The supervisor's loop: keep the first ``cap`` bytes the student writes to fd 1/2, reap, and when the
    student's process ends (or the grader does), kill every descendant and end the same way it did."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_IGN)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    kept = dropped = 0
    status = None
    watched = [out_r, wake_r] + ([lifeline] if lifeline is not None else [])
    next_watch = time.monotonic() + 0.5
    over_quota = False

    def drain(fd: int) -> bool:
        nonlocal kept, dropped
        try:
            data = os.read(fd, 1 << 16)
        except OSError:
            data = b""
        if not data:
            return False
        room = max(0, cap - kept)
        if room:
            write_all(1, data[:room])
            kept += min(room, len(data))
        dropped += max(0, len(data) - room)
        return True

    while status is None:
        try:
            ready, _, _ = select.select(watched, [], [], 0.5)
        except InterruptedError:
            ready = []
        if out_r in ready and not drain(out_r):
            watched.remove(out_r)
        if wake_r in ready:
            try:
                os.read(wake_r, 512)
            except OSError:
                pass
        if lifeline is not None and lifeline in ready:
            break  # the grader went away: nobody will read the answers
        status = tree.reap_children(child)
        if status is not None and status_r is not None:  # the init reports the student's own status
            try:
                got = os.read(status_r, 4)
                status = struct.unpack("<i", got)[0] if len(got) == 4 else status
            except OSError:
                pass
        if watch and time.monotonic() > next_watch:
            next_watch = time.monotonic() + 0.5
            if _tree_size(watch[0], 4096) > watch[1] << 20:
                over_quota = True
                write_all(1, f"\n[sandbox: the files written exceed {watch[1]} MB; the process was stopped]\n"
                           .encode())
                break
    tree.kill_descendants(os.getpid(), reap=True)
    deadline = time.monotonic() + 0.5
    while out_r in watched and time.monotonic() < deadline:  # what was written before the end
        ready, _, _ = select.select([out_r], [], [], max(0.0, deadline - time.monotonic()))
        if not ready or not drain(out_r):
            break
    if dropped:
        write_all(1, f"\n[... {dropped} more bytes of output not kept]\n".encode())
    if over_quota:
        status = signal.SIGKILL
    _end_like(status)


def _end_like(status: int | None) -> None:
    """Ends the supervisor the way the student's process ended, so the grader can name the cause."""
    if status is None:
        os._exit(0)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            if sig not in (signal.SIGKILL, signal.SIGSTOP):
                signal.signal(sig, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
            os.kill(os.getpid(), sig)
            time.sleep(1)
        except (OSError, ValueError):
            pass
        os._exit(128 + sig)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


def _tree_size(path: str, limit: int) -> int:
    """Bytes under ``path`` (at most ``limit`` entries looked at: enough to catch a disk filler)."""
    total, seen, stack = 0, 0, [path]
    while stack and seen < limit:
        try:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    seen += 1
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        else:
                            total += entry.stat(follow_symlinks=False).st_blocks * 512
                    except OSError:
                        pass
        except OSError:
            pass
    return total


def _student_process(tmp: str, out_w: int) -> None:
    os.dup2(out_w, 1)
    os.dup2(out_w, 2)
    os.close(out_w)
    os.setsid()  # its own session and process group: kill(0) and killpg reach the student's processes only
    try:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:
        pass
    os.chdir(tmp)
