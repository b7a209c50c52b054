"""The student's process hardened, after ``isolate`` made it and the request server imported numpy:
OOM score, rlimits, no_new_privs, the privilege drop (uid 65534 for a root grader), Landlock, seccomp.

Each layer reports what it did as data (``kernel.note``): the report says it in the student's language.
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import stat
import sys
import time

from . import seccomp
from .kernel import NOBODY, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS, Layers, libc, note, ok, prctl, write_file
from .landlock import Landlock
from .shared import wire

Settings, Limits = wire.Settings, wire.Limits


def harden(settings: Settings, layers: Layers) -> dict:
    """The student's process, once ``isolate`` made it and the child imported what students use:
    rlimits, OOM score, no_new_privs, the privilege drop, Landlock, seccomp.  Returns the report
    ``{"protections": ..., "notes": ..., "ms": ...}``."""
    limits = settings.limits
    root, spaces, disabled, t0 = layers.root, layers.spaces, layers.disabled, layers.t0
    t1 = time.perf_counter()
    layers.run("oom score", _oom_first, disabled=disabled)
    if layers.protections.get("oom score"):
        layers.protections["oom score"] = [note("oom_first")]
    layers.run("rlimits", _rlimits, limits, root or "user" in spaces, disabled=disabled)
    layers.run("no_new_privs", _no_new_privs, disabled=disabled)
    ruleset = layers.run("landlock", Landlock.prepare, settings.tmp, settings.forbid,
                         disabled=disabled)  # paths opened while root
    layers.ms["landlock rules"] = layers.ms.pop("landlock", 0.0)
    if root:
        layers.run("privilege drop", _drop_to_nobody, disabled=disabled)
        if layers.protections["privilege drop"] and "user" in spaces:
            layers.protections["privilege drop"] += [note("own_user_namespace")]
    elif "user" in spaces:
        layers.run("privilege drop", _drop_capabilities)
        if layers.protections["privilege drop"]:
            layers.protections["privilege drop"] = [note("uid", uid=os.getuid()), note("no_capabilities")]
    else:
        layers.protections["privilege drop"] = [note("uid", uid=os.getuid()), note("not_root")]
    if ruleset:
        layers.run("landlock", ruleset.restrict)
        if layers.protections["landlock"]:
            layers.protections["landlock network"] = ruleset.abi >= 4
            layers.protections["landlock scoping"] = ruleset.abi >= 6
            if ruleset.abi < 4:
                layers.notes["landlock network"] = f"Landlock ABI {ruleset.abi} < 4"
            if ruleset.abi < 6:
                layers.notes["landlock scoping"] = f"Landlock ABI {ruleset.abi} < 6"
    if not layers.protections.get("landlock"):
        layers.protections["landlock network"] = layers.protections["landlock scoping"] = False
        layers.notes["landlock network"] = layers.notes["landlock scoping"] = layers.notes.get("landlock", "")
    signals_contained = "pid" in spaces or bool(layers.protections.get("landlock scoping"))
    layers.run("seccomp", seccomp.install, os.getpid(), not signals_contained, disabled=disabled)
    layers.protections["output cap"] = [note("size_kb", kb=limits.output_kb)]
    layers.ms["harden"] = round((time.perf_counter() - t1) * 1000, 2)
    layers.ms["total"] = round((time.perf_counter() - t0) * 1000, 2)
    return layers.as_dict()


def _oom_first() -> None:
    """The kernel's OOM killer picks the sandbox first.  (The file belongs to root while the process is
    not dumpable, as the supervisor made it: dumpable for the write, not dumpable again after.)"""
    prctl(PR_SET_DUMPABLE, 1)
    try:
        write_file("/proc/self/oom_score_adj", "1000")
    finally:
        prctl(PR_SET_DUMPABLE, 0)


def _no_new_privs() -> bool:
    prctl(PR_SET_NO_NEW_PRIVS, 1, "PR_SET_NO_NEW_PRIVS")
    return True


def _rlimits(limits: Limits, own_user_count: bool) -> list:
    mb = 1 << 20
    memory, fsize, files, procs = limits.memory_mb, limits.file_size_mb, limits.open_files, limits.processes
    cpu = limits.cpu_seconds
    nproc = procs if own_user_count else procs + _tasks_of(os.getuid())  # RLIMIT_NPROC counts per user
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an oversized write fails with EFBIG instead of killing
    for res, value in ((resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, fsize * mb),
                       (resource.RLIMIT_NOFILE, files), (resource.RLIMIT_NPROC, nproc),
                       (resource.RLIMIT_AS, memory * mb)):
        resource.setrlimit(res, (value, value))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    return [note("limits", memory_mb=memory, file_mb=fsize, open_files=files, processes=procs, cpu_s=cpu)]


def _tasks_of(uid: int) -> int:
    n = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.stat(f"/proc/{name}").st_uid == uid:
                    n += len(os.listdir(f"/proc/{name}/task"))
            except OSError:
                pass
    return n


def _drop_to_nobody() -> str:
    """Root grader: the student's process becomes uid/gid 65534 with no groups and no capabilities.

    The Python installation may sit where 65534 cannot go (/root/.pyenv, mode 700): every import path it
    could not reach is first opened as a directory and replaced in ``sys.path`` (and in the ``__path__``
    of packages already imported) by ``/proc/self/fd/N``, which the process can always follow.
    """
    aliases = {}
    for i, entry in enumerate(sys.path):
        if entry and os.path.isdir(entry) and not _reachable_by_others(entry):
            fd = os.open(entry, os.O_RDONLY | os.O_DIRECTORY)
            aliases[entry] = sys.path[i] = f"/proc/self/fd/{fd}"
    if aliases:
        for module in list(sys.modules.values()):
            paths = getattr(module, "__path__", None)
            if isinstance(paths, list):
                paths[:] = [_alias(p, aliases) for p in paths]
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)
    if os.getuid() != NOBODY or os.geteuid() != NOBODY:
        raise OSError(1, "setuid did not take")
    return [note("uid", uid=NOBODY)]


def _alias(path: str, aliases: dict[str, str]) -> str:
    for real, alias in aliases.items():
        if path == real or path.startswith(real + os.sep):
            return alias + path[len(real):]
    return path


def _reachable_by_others(path: str) -> bool:
    path = os.path.realpath(path)
    try:
        if os.stat(path).st_mode & (stat.S_IROTH | stat.S_IXOTH) != (stat.S_IROTH | stat.S_IXOTH):
            return False
        while path != os.sep:
            path = os.path.dirname(path)
            if not os.stat(path).st_mode & stat.S_IXOTH:
                return False
    except OSError:
        return False
    return True


def _drop_capabilities() -> None:
    """Inside our own user namespace the process holds every capability of that namespace: drop them."""
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()
    ok(libc().capset(header, data), "capset")
