import numpy as np

class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.1
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.1
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.1
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1/(1+np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1@X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2@self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3@self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        # layer 3
        d = self.a3 - y
        self.w3 -= lr * (d @ self.a2.T) / m
        self.b3 -= lr * d.sum(axis=1, keepdims=True) / m
        # layer 2
        d = (self.w3.T @ d) * self.a2 * (1-self.a2)
        self.w2 -= lr * (d @ self.a1.T) / m
        self.b2 -= lr * d.sum(axis=1, keepdims=True) / m
        # layer 1
        d = (self.w2.T @ d) * self.a1 * (1-self.a1)
        self.w1 -= lr * (d @ X.T) / m
        self.b1 -= lr * d.sum(axis=1, keepdims=True) / m


np.random.seed(10)
n = NeuralNetwork([4, 3, 2, 1])
print(n.w1.shape, n.w2.shape, n.w3.shape)
print(n.b1.shape, n.b2.shape, n.b3.shape)

X = np.random.randn(4, 8)
y = (X[0]+X[1]-X[2] > 0).astype(float).reshape(1, 8)
print(n.forward(X).shape)
print(n.forward(X[:, [2]]).shape)
print(n.sigmoid(0), n.sigmoid(np.zeros((2, 3, 4))).shape)

for i in range(2000):
    n.forward(X)
    n.update(2, y, X)
p = n.forward(X)
print(((p >= 0.5) == y).mean())
