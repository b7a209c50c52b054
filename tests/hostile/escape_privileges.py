"""Attack: climb back out: setuid(0), raise the rlimits, new user and mount namespaces, chroot, mount,
clear no_new_privs, a kernel keyring.
"""
import numpy as np
import ctypes
import os
import resource


libc = ctypes.CDLL(None, use_errno=True)


def attempt(label, fn):
    try:
        result = fn()
        if result is False:
            raise OSError(ctypes.get_errno(), "refused")
        print("ESCAPED", label, result)
    except (OSError, ValueError) as exc:
        print("REFUSED", label, type(exc).__name__)


attempt("setuid(0)", lambda: os.setuid(0) if os.getuid() != 0 else None)
attempt("raise RLIMIT_AS", lambda: resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY,) * 2))
attempt("raise RLIMIT_NPROC", lambda: resource.setrlimit(resource.RLIMIT_NPROC, (resource.RLIM_INFINITY,) * 2))
attempt("unshare user+mount", lambda: libc.unshare(0x10000000 | 0x00020000) == 0)
attempt("chroot", lambda: os.chroot("/"))
attempt("mount tmpfs", lambda: libc.mount(b"none", b"/mnt", b"tmpfs", 0, None) == 0)
attempt("clear no_new_privs", lambda: libc.prctl(38, 0, 0, 0, 0) == 0)
attempt("new session keyring", lambda: libc.syscall(250, 1, 0) >= 0)  # keyctl(JOIN_SESSION_KEYRING)


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = list(cf)
        self.w1 = np.random.randn(cf[1], cf[0]) / np.sqrt(cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) / np.sqrt(cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) / np.sqrt(cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)
        self.w3 -= lr * d3 @ self.a2.T / m
        self.b3 -= lr * d3.sum(axis=1, keepdims=True) / m
        self.w2 -= lr * d2 @ self.a1.T / m
        self.b2 -= lr * d2.sum(axis=1, keepdims=True) / m
        self.w1 -= lr * d1 @ X.T / m
        self.b1 -= lr * d1.sum(axis=1, keepdims=True) / m
