"""Everything has the right shape and nothing is computed: zeros of the specified shapes everywhere."""
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.zeros((cf[1], cf[0]))
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.zeros((cf[2], cf[1]))
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.zeros((cf[3], cf[2]))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return np.zeros_like(np.asarray(z, dtype=float))

    def forward(self, X):
        m = X.shape[1]
        self.z1 = self.a1 = np.zeros((self.cf[1], m))
        self.z2 = self.a2 = np.zeros((self.cf[2], m))
        self.z3 = self.a3 = np.zeros((self.cf[3], m))
        return self.a3

    def update(self, lr, y, X):
        return None
