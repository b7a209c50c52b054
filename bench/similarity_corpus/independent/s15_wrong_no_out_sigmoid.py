import numpy as np


class NeuralNetwork:

    def __init__(self, cf):
        self.w1 = np.random.random((cf[1], cf[0]))
        self.w2 = np.random.random((cf[2], cf[1]))
        self.w3 = np.random.random((cf[3], cf[2]))
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.e ** (-z))

    def forward(self, X):
        self.z1 = self.w1.dot(X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2.dot(self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3.dot(self.a2) + self.b3
        self.a3 = self.z3
        return self.a3

    def update(self, lr, y, X):
        N = X.shape[1]
        dZ3 = self.a3 - y
        dW3 = dZ3.dot(self.a2.T) / N
        dB3 = np.sum(dZ3, axis=1, keepdims=True) / N
        dZ2 = self.w3.T.dot(dZ3) * (self.a2 * (1 - self.a2))
        dW2 = dZ2.dot(self.a1.T) / N
        dB2 = np.sum(dZ2, axis=1, keepdims=True) / N
        dZ1 = self.w2.T.dot(dZ2) * (self.a1 * (1 - self.a1))
        dW1 = dZ1.dot(X.T) / N
        dB1 = np.sum(dZ1, axis=1, keepdims=True) / N
        self.w1 -= lr * dW1
        self.b1 -= lr * dB1
        self.w2 -= lr * dW2
        self.b2 -= lr * dB2
        self.w3 -= lr * dW3
        self.b3 -= lr * dB3
