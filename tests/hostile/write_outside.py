"""Attack: write results where the grader or the TA might look: results.json beside the submission, in the
repository, in a world-writable folder of the test's, through a symlink and a hard link, by renaming.
"""
import numpy as np
import json
import os
import sys


repo = os.path.abspath(sys.argv[0])  # .../grader/sandbox/_inside/main.py: the repository is above it
while repo != os.sep and not os.path.isdir(os.path.join(repo, "assignments")):
    repo = os.path.dirname(repo)
fake = json.dumps({"student": "write_outside", "score": 13.0, "max_score": 13.0})
with open("results.json", "w") as f:  # its own private folder: allowed, and read by nobody
    f.write(fake)
print("WROTE own results.json")


def attempt(label, fn):
    try:
        fn()
        print("WROTE-OUTSIDE", label)
    except OSError as exc:
        print("DENIED", label, type(exc).__name__)


def write(path):
    with open(path, "w") as f:
        f.write(fake)


attempt("trap results.json", lambda: write("__TRAP__/results.json"))
attempt("repo results.json", lambda: write(f"{repo}/results.json"))
attempt("repo reports", lambda: write(f"{repo}/reports/hostile_forged.json"))
attempt("workdir's parent", lambda: write(os.path.join(os.path.dirname(os.getcwd()), "results.json")))
os.symlink("__TRAP__/via_symlink.json", "link.json")
attempt("through a symlink", lambda: write("link.json"))
attempt("hard link to a trap file", lambda: os.link("__TRAP__/secret.txt", "hard.txt"))
attempt("rename out", lambda: os.rename("results.json", "__TRAP__/moved.json"))
attempt("new folder in trap", lambda: os.mkdir("__TRAP__/made_by_student"))


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
