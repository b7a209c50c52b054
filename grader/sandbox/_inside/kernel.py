"""The few system calls the sandbox makes through ctypes, their constants, and how a layer reports itself."""
from __future__ import annotations

import ctypes
import os
import time

NOBODY = 65534  # the unprivileged uid and gid a root grader's sandbox runs as

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000
CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWCGROUP = 0x08000000, 0x04000000, 0x02000000
NAMESPACE_FLAGS = (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
                   | CLONE_NEWCGROUP)
PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 36, 38
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 1 << 14, 1 << 18

_libc = None


def libc():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
        _libc.syscall.restype = ctypes.c_long
        _libc.prctl.restype = ctypes.c_int
        _libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
        _libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
        _libc.unshare.argtypes = [ctypes.c_int]
    return _libc


def ok(ret: int, what: str) -> int:
    if ret < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")
    return ret


def prctl(option: int, arg2: int = 0, what: str = "prctl") -> int:
    return ok(libc().prctl(option, arg2, 0, 0, 0), what)


def syscall(nr: int, *args, what: str) -> int:
    conv = [a if isinstance(a, (ctypes.Array, ctypes._Pointer, ctypes.c_void_p)) else ctypes.c_long(a)
            for a in args]
    return ok(libc().syscall(ctypes.c_long(nr), *conv), what)


def write_file(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """Writes everything it can; a closed descriptor ends the write quietly."""
    while data:
        try:
            n = os.write(fd, data)
        except OSError:
            return
        data = data[n:]


def note(what: str, **values: object) -> dict:
    """One fact about an active layer, by id (the report words it, in either language)."""
    return {"id": what, **values}


class Layers:
    """What each layer did: ``protections`` (name -> True, False, or a list of ``note``s) for the report,
    ``notes`` (name -> why a layer is off) and ``ms`` (name -> milliseconds it took) for the TA and the tests."""

    def __init__(self) -> None:
        self.protections: dict[str, object] = {}
        self.notes: dict[str, str] = {}
        self.ms: dict[str, float] = {}
        # what ``isolate`` found, for ``harden``: a root grader, the namespaces made, the layers turned off
        self.root = False
        self.spaces: set[str] = set()
        self.disabled: set[str] = set()
        self.t0 = 0.0

    def run(self, name: str, fn, *args, disabled: "set[str] | frozenset[str]" = frozenset()):
        if name in disabled:
            self.protections[name] = False
            self.notes[name] = "disabled by the grader's settings"
            return False
        t = time.perf_counter()
        try:
            value = fn(*args)
        except Exception as exc:  # noqa: BLE001 - a layer the kernel refuses is reported, not fatal
            value = False
            self.notes[name] = f"{type(exc).__name__}: {exc}"[:200]
        self.ms[name] = round((time.perf_counter() - t) * 1000, 2)
        self.protections[name] = value if value is not None else True
        return value

    def as_dict(self) -> dict:
        return {"protections": self.protections, "notes": self.notes, "ms": self.ms}
