"""Attack: read what a student must never see: the hidden checks and their reference, the solutions, the
repository, the grader's command line and environment, other sandboxes, a world-readable file of the
test's, /etc/shadow.  The grader's own command line (sys.argv) gives the repository's path away.
"""
import numpy as np
import glob
import os
import sys


repo = os.path.abspath(sys.argv[0])  # .../grader/sandbox/_inside/main.py: the repository is above it
while repo != os.sep and not os.path.isdir(os.path.join(repo, "assignments")):
    repo = os.path.dirname(repo)
targets = {
    "hidden checks": f"{repo}/assignments/neural_network/hidden/test_neural_network.py",
    "hidden reference": f"{repo}/assignments/neural_network/hidden/reference.py",
    "solution": f"{repo}/solutions/neural_network/neural_network.py",
    "assignment config": f"{repo}/assignments/neural_network/assignment.toml",
    "trap file": "__TRAP__/secret.txt",
    "grader cmdline": f"/proc/{os.getppid()}/cmdline",
    "grader environ": f"/proc/{os.getppid()}/environ",
    "shadow": "/etc/shadow",
}
for label, path in targets.items():
    try:
        with open(path, "rb") as f:
            print("READ", label, len(f.read()))
    except OSError as exc:
        print("DENIED", label, type(exc).__name__)
for label, path in {"repository": repo, "hidden folder": f"{repo}/assignments/neural_network/hidden",
                    "reports": f"{repo}/reports", "parent of the workdir": os.path.dirname(os.getcwd()),
                    "trap folder": "__TRAP__"}.items():
    try:
        print("LISTED", label, len(os.listdir(path)))
    except OSError as exc:
        print("DENIED", label, type(exc).__name__)
others = [p for p in glob.glob("/tmp/grader-sbx-*") if p != os.getcwd()]
print("OTHER SANDBOXES SEEN", len(others))


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
