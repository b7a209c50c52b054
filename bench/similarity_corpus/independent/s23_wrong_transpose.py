import numpy as np

class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0])
        self.w2 = np.random.randn(cf[2], cf[1])
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
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
        m = X.shape[1]
        loss_grad = self.a3 - y
        back2 = np.matmul(self.w3.T, loss_grad) * self.sigmoid(self.z2) * (1 - self.sigmoid(self.z2))
        back1 = np.matmul(self.w2.T, back2) * self.sigmoid(self.z1) * (1 - self.sigmoid(self.z1))
        self.w3 -= lr / m * np.matmul(self.a2, loss_grad.T).T
        self.w2 -= lr / m * np.matmul(self.a1, back2.T).T
        self.w1 -= lr / m * np.matmul(back1, X.T)
        self.b3 -= lr / m * loss_grad.sum(axis=0, keepdims=True).sum(axis=1, keepdims=True)
        self.b2 -= lr / m * back2.sum(axis=1, keepdims=True)
        self.b1 -= lr / m * back1.sum(axis=1, keepdims=True)
