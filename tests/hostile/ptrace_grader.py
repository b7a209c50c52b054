"""Attack: reach into the grader's memory: ptrace(PTRACE_ATTACH) on the parent, process_vm_readv, and
/proc/<parent>/mem.
"""
import numpy as np
import ctypes
import os


libc = ctypes.CDLL(None, use_errno=True)
parent = os.getppid()
if libc.ptrace(16, parent, None, None) == 0:  # PTRACE_ATTACH
    print("ATTACHED to the parent")
else:
    print("REFUSED ptrace", os.strerror(ctypes.get_errno()))


class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


buf = ctypes.create_string_buffer(4096)
local = IoVec(ctypes.cast(buf, ctypes.c_void_p), 4096)
remote = IoVec(ctypes.c_void_p(0x400000), 4096)
n = libc.process_vm_readv(parent, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
print("READ the parent's memory" if n > 0 else f"REFUSED process_vm_readv {os.strerror(ctypes.get_errno())}")
try:
    with open(f"/proc/{parent}/mem", "rb") as f:
        f.seek(0x400000)
        f.read(16)
    print("READ /proc/parent/mem")
except OSError as exc:
    print("REFUSED /proc/parent/mem", type(exc).__name__)


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
