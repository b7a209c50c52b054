# correct variant: np.matmul, @staticmethod sigmoid, Xavier (Glorot uniform) initialisation
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        def glorot(n_out, n_in):
            limit = np.sqrt(6.0 / (n_in + n_out))
            return np.random.uniform(-limit, limit, size=(n_out, n_in))

        self.w1 = glorot(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = glorot(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = glorot(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    @staticmethod
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.matmul(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = y.shape[1]
        delta3 = self.a3 - y                                              # 출력층 delta
        delta2 = np.matmul(self.w3.T, delta3) * self.a2 * (1 - self.a2)  # 은닉층 2
        delta1 = np.matmul(self.w2.T, delta2) * self.a1 * (1 - self.a1)  # 은닉층 1

        self.w3 -= lr * np.matmul(delta3, self.a2.T) / m
        self.b3 -= lr * np.mean(delta3, axis=1, keepdims=True)
        self.w2 -= lr * np.matmul(delta2, self.a1.T) / m
        self.b2 -= lr * np.mean(delta2, axis=1, keepdims=True)
        self.w1 -= lr * np.matmul(delta1, X.T) / m
        self.b1 -= lr * np.mean(delta1, axis=1, keepdims=True)
