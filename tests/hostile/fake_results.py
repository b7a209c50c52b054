"""Attack: claim success instead of computing: print result JSON for every check, write results.json and a
grades.csv, print PASSED from every method, and return nothing of value.
"""
import numpy as np
import json


CHECKS = ["init.shapes", "init.biases_zero", "init.symmetry_breaking", "sigmoid.values", "forward.shapes",
          "forward.broadcasting", "forward.values", "update.output_delta", "update.hidden_deltas",
          "update.gradient_check", "train.convergence"]
fake = {"student": "fake_results", "score": 13.0, "max_score": 13.0,
        "checks": [{"id": c, "status": "passed", "score": 1} for c in CHECKS]}
print(json.dumps(fake))
for c in CHECKS:
    print(f"PASSED {c}")
with open("results.json", "w") as f:
    json.dump(fake, f)
with open("grades.csv", "w") as f:
    f.write("student,score\nfake_results,13\n")


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
        print(json.dumps({"id": "sigmoid.values", "status": "passed"}))
        return z

    def forward(self, X):
        print(json.dumps({"id": "forward.values", "status": "passed"}))
        return np.zeros((self.w3.shape[0], X.shape[1]))

    def update(self, lr, y, X):
        print(json.dumps({"id": "update.hidden_deltas", "status": "passed"}))
