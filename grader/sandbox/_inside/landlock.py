"""Landlock: read and execute the Python installation and the system's libraries, read and write the
sandbox's private folder, nothing else; no TCP; signals and abstract sockets scoped to the sandbox.

Needs no privileges (Linux 5.13 and later, with ``landlock`` in the LSM list); what the kernel's ABI
lacks is reported, not faked.
"""
from __future__ import annotations

import ctypes
import os
import stat
import struct
import sys

from .kernel import note, syscall

SYS_LANDLOCK_CREATE_RULESET, SYS_LANDLOCK_ADD_RULE, SYS_LANDLOCK_RESTRICT_SELF = 444, 445, 446
LANDLOCK_CREATE_RULESET_VERSION = 1
LANDLOCK_RULE_PATH_BENEATH = 1
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
FS_REFER, FS_TRUNCATE, FS_IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1
FS_READ = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR
FS_FILE_ONLY = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV  # rights a file rule may carry

SYSTEM_DIRS = ("/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/dev/zero", "/dev/urandom", "/dev/random")


class Landlock:
    """A Landlock ruleset: read and execute the Python installation and the system's libraries, read
    and write the private temporary directory, nothing else; no TCP; signals and abstract sockets
    scoped to the sandbox.  Paths are opened in ``prepare`` (still with the grader's rights) and the
    ruleset applied in ``restrict`` (after the privilege drop)."""

    def __init__(self, abi: int, fd: int) -> None:
        self.abi, self.fd = abi, fd

    @staticmethod
    def abi_version() -> int:
        try:
            return syscall(SYS_LANDLOCK_CREATE_RULESET, ctypes.c_void_p(0), 0, LANDLOCK_CREATE_RULESET_VERSION,
                           what="landlock")
        except OSError as exc:
            raise OSError(exc.errno, "Landlock is not available in this kernel"
                          f" ({os.strerror(exc.errno or 0)})") from None

    @classmethod
    def prepare(cls, tmp: str, forbid: "tuple[str, ...]") -> "Landlock":
        abi = cls.abi_version()
        fs = (1 << 13) - 1
        fs |= FS_REFER if abi >= 2 else 0
        fs |= FS_TRUNCATE if abi >= 3 else 0
        fs |= FS_IOCTL_DEV if abi >= 5 else 0
        net = NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0
        scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0
        size = 24 if abi >= 6 else 16 if abi >= 4 else 8
        attr = ctypes.create_string_buffer(struct.pack("<QQQ", fs, net, scoped)[:size], size)
        fd = syscall(SYS_LANDLOCK_CREATE_RULESET, attr, size, 0, what="landlock_create_ruleset")
        ruleset = cls(abi, fd)
        ruleset.handled = fs
        forbidden = [os.path.realpath(p) for p in forbid]
        for path in read_paths():
            ruleset.allow_except(path, FS_READ, forbidden)
        for path in SYSTEM_FILES:
            ruleset.allow(path, FS_READ_FILE)
        ruleset.allow("/dev/null", FS_READ_FILE | FS_WRITE_FILE | FS_TRUNCATE)
        ruleset.allow(tmp, fs & ~FS_EXECUTE, must=True)  # its own files, but no programs of its own
        return ruleset

    def allow(self, path: str, access: int, must: bool = False) -> None:
        try:
            pfd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            if must:
                raise
            return
        try:
            if not stat.S_ISDIR(os.fstat(pfd).st_mode):
                access &= FS_FILE_ONLY
            rule = ctypes.create_string_buffer(struct.pack("<Qi", access & self.handled, pfd), 12)
            syscall(SYS_LANDLOCK_ADD_RULE, self.fd, LANDLOCK_RULE_PATH_BENEATH, rule, 0, what="landlock_add_rule")
        finally:
            os.close(pfd)

    def allow_except(self, path: str, access: int, forbidden: list[str]) -> None:
        """``path`` with everything beneath it, except the forbidden folders inside it (the repository
        may sit under /usr/local or inside the Python prefix)."""
        real = os.path.realpath(path)
        inside = [f for f in forbidden if f == real or f.startswith(real.rstrip(os.sep) + os.sep)]
        if not inside:
            return self.allow(path, access)
        if real in inside:
            return None
        try:
            children = os.listdir(real)
        except OSError:
            return None
        for name in children:
            self.allow_except(os.path.join(real, name), access, inside)
        return None

    def restrict(self) -> list:
        try:
            threads = len(os.listdir("/proc/self/task"))
        except OSError:
            threads = 1
        syscall(SYS_LANDLOCK_RESTRICT_SELF, self.fd, 0, what="landlock_restrict_self")
        os.close(self.fd)
        # Landlock binds the calling thread (and what it starts); a thread started earlier, by a BLAS
        # library say, stays outside.  The child's environment asks for one thread everywhere.
        return [note("abi", abi=self.abi)] + ([note("main_thread_only", threads=threads - 1)] if threads > 1 else [])


def read_paths() -> list[str]:
    """What the student's process may read: its import path and the system's libraries."""
    paths = []
    for entry in sys.path:
        if entry and os.path.exists(entry) and not entry.startswith("/proc/"):
            paths.append(entry)
    paths.append(os.path.realpath(sys.executable))
    return paths + [p for p in SYSTEM_DIRS if os.path.exists(p)]
