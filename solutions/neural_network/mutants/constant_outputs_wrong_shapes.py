# one unit per layer, every answer a constant
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.zeros((1, 1))
        self.b1 = np.zeros((1, 1))
        self.w2 = np.zeros((1, 1))
        self.b2 = np.zeros((1, 1))
        self.w3 = np.zeros((1, 1))
        self.b3 = np.zeros((1, 1))

    def sigmoid(self, z):
        return 0.5

    def forward(self, X):
        return np.full((1, X.shape[1]), 0.5)

    def update(self, lr, y, X):
        pass
