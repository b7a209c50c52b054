# %%
import numpy as np

# %%
# 9주차 과제: 신경망
class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        shapes = [(cf[i + 1], cf[i]) for i in range(3)]
        ws = [np.random.randn(*s) for s in shapes]
        self.w1, self.w2, self.w3 = ws
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))

    def forward(self, X):
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        samples = X.shape[1]
        grad_z3 = self.a3 - y
        grad_w3 = np.dot(grad_z3, self.a2.T) / samples
        grad_b3 = np.mean(grad_z3, axis=1, keepdims=True)
        grad_a2 = np.dot(self.w3.T, grad_z3)
        grad_z2 = grad_a2 * self.a2 * (1 - self.a2)
        grad_w2 = np.dot(grad_z2, self.a1.T) / samples
        grad_b2 = np.mean(grad_z2, axis=1, keepdims=True)
        grad_a1 = np.dot(self.w2.T, grad_z2)
        grad_z1 = grad_a1 * self.a1 * (1 - self.a1)
        grad_w1 = np.dot(grad_z1, X.T) / samples
        grad_b1 = np.mean(grad_z1, axis=1, keepdims=True)
        self.w1 = self.w1 - lr * grad_w1
        self.w2 = self.w2 - lr * grad_w2
        self.w3 = self.w3 - lr * grad_w3
        self.b1 = self.b1 - lr * grad_b1
        self.b2 = self.b2 - lr * grad_b2
        self.b3 = self.b3 - lr * grad_b3

# %%
nn = NeuralNetwork([4, 3, 2, 1])
print(nn.forward(np.ones((4, 3))))
