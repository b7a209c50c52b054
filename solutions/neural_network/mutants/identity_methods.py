import numpy as np


class NeuralNetwork:
    """Weights are set up properly; every method hands its input back."""

    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return z

    def forward(self, X):
        self.z1 = self.a1 = X
        self.z2 = self.a2 = X
        self.z3 = self.a3 = X
        return X

    def update(self, lr, y, X):
        return y
