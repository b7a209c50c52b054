# %%
import numpy as np
np.random.seed(42)

# %%
class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.rand(cf[1], cf[0]) * 2 - 1
        self.w2 = np.random.rand(cf[2], cf[1]) * 2 - 1
        self.w3 = np.random.rand(cf[3], cf[2]) * 2 - 1
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        # TODO: check the bias update
        m = X.shape[1]
        o = self.a3 - y
        h2 = np.dot(self.w3.T, o) * self.a2 * (1 - self.a2)
        h1 = np.dot(self.w2.T, h2) * self.a1 * (1 - self.a1)
        self.w3 = self.w3 - lr * np.dot(o, self.a2.T) / m
        self.w2 = self.w2 - lr * np.dot(h2, self.a1.T) / m
        self.w1 = self.w1 - lr * np.dot(h1, X.T) / m
        self.b3 = self.b3 - lr * o.sum() / m
        self.b2 = self.b2 - lr * h2.sum() / m
        self.b1 = self.b1 - lr * h1.sum() / m

# %%
net = NeuralNetwork([4, 3, 2, 1])
data = np.random.rand(4, 8)
print(net.forward(data).shape)
