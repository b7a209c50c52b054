"""seccomp: the system calls the student's process may not make (x86_64 only: the numbers are that
architecture's).  Elsewhere the layer is reported inactive and the namespaces and Landlock carry the load.
"""
from __future__ import annotations

import ctypes
import os
import struct

from .kernel import NAMESPACE_FLAGS, note, syscall

AUDIT_ARCH_X86_64 = 0xC000003E
SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_ERRNO, SECCOMP_RET_ALLOW = 0x80000000, 0x00050000, 0x7FFF0000
EPERM, ENOSYS = 1, 38
X86_64_DENIED = {  # syscall -> number; denied with EPERM for the student's process and its children
    "socket": 41, "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "kcmp": 312,
    "pidfd_send_signal": 424, "pidfd_getfd": 438, "tkill": 200,
    "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    "bpf": 321, "perf_event_open": 298, "userfaultfd": 323, "fanotify_init": 300,
    "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "unshare": 272, "setns": 308,
    "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
    "mount_setattr": 442, "name_to_handle_at": 303, "open_by_handle_at": 304,
    "shmget": 29, "shmat": 30, "shmctl": 31, "shmdt": 67, "semget": 64, "semop": 65, "semctl": 66,
    "semtimedop": 220, "msgget": 68, "msgsnd": 69, "msgrcv": 70, "msgctl": 71, "mq_open": 240,
    "keyctl": 250, "add_key": 248, "request_key": 249, "acct": 163, "swapon": 167, "swapoff": 168,
    "reboot": 169, "quotactl": 179, "kexec_load": 246, "kexec_file_load": 320,
    "init_module": 175, "finit_module": 313, "delete_module": 176,
}
X86_64_CLONE, X86_64_CLONE3 = 56, 435
X86_64_KILL, X86_64_TGKILL, X86_64_RT_SIGQUEUEINFO, X86_64_RT_TGSIGQUEUEINFO = 62, 234, 129, 297


def install(self_pid: int, contain_signals: bool) -> list:
    """A seccomp filter: no sockets (no connection of any kind, unix ones included), no ptrace or
    reading other processes' memory, no io_uring, no System V or POSIX message-queue IPC (a segment left
    for the next student), no new namespaces or mounts; and, when neither a PID
    namespace nor Landlock scoping keeps signals inside the sandbox, signals only to itself."""
    machine = os.uname().machine
    if machine != "x86_64":
        raise OSError(95, f"the filter is written for x86_64, not {machine}")
    prog: list[tuple[int, int, int, int]] = []
    LD, JEQ, JGE, JSET, RET = 0x20, 0x15, 0x35, 0x45, 0x06

    def op(code, k, jt=0, jf=0):
        prog.append((code, jt, jf, k & 0xFFFFFFFF))

    deny = SECCOMP_RET_ERRNO | EPERM
    op(LD, 4)                                   # seccomp_data.arch
    op(JEQ, AUDIT_ARCH_X86_64, 1, 0)
    op(RET, SECCOMP_RET_KILL_PROCESS)
    op(LD, 0)                                   # seccomp_data.nr
    op(JGE, 0x40000000, 0, 1)                   # the x32 ABI
    op(RET, deny)
    for nr in X86_64_DENIED.values():
        op(JEQ, nr, 0, 1)
        op(RET, deny)
    op(JEQ, X86_64_CLONE3, 0, 1)                # clone3's flags are out of reach: libc falls back to clone
    op(RET, SECCOMP_RET_ERRNO | ENOSYS)
    op(JEQ, X86_64_CLONE, 0, 4)
    op(LD, 16)                                  # clone flags (low half of args[0])
    op(JSET, NAMESPACE_FLAGS, 0, 1)
    op(RET, deny)
    op(RET, SECCOMP_RET_ALLOW)
    if contain_signals:
        op(JEQ, X86_64_KILL, 0, 6)              # kill(pid): itself, its own process group
        op(LD, 16)
        op(JEQ, self_pid, 3, 0)
        op(JEQ, 0, 2, 0)
        op(JEQ, -self_pid, 1, 0)
        op(RET, deny)
        op(RET, SECCOMP_RET_ALLOW)
        for nr in (X86_64_TGKILL, X86_64_RT_SIGQUEUEINFO, X86_64_RT_TGSIGQUEUEINFO):
            op(JEQ, nr, 0, 4)
            op(LD, 16)
            op(JEQ, self_pid, 1, 0)
            op(RET, deny)
            op(RET, SECCOMP_RET_ALLOW)
    op(RET, SECCOMP_RET_ALLOW)
    raw = b"".join(struct.pack("<HBBI", *ins) for ins in prog)
    buf = ctypes.create_string_buffer(raw, len(raw))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(prog), ctypes.cast(buf, ctypes.c_void_p))
    SYS_SECCOMP, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC = 317, 1, 1
    syscall(SYS_SECCOMP, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC,
             ctypes.cast(ctypes.pointer(fprog), ctypes.c_void_p), what="seccomp")
    return [note("seccomp_denied")] + ([note("signals_to_itself")] if contain_signals else [])
