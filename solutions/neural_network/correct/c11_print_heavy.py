# correct variant: prints debugging output in every method (the grader must cope with a noisy stdout)
import numpy as np

print("=== neural_network.py 로딩 중 ===")
print("numpy version:", np.__version__)


class NeuralNetwork:
    def __init__(self, cf):
        print("구조(cf):", cf)
        self.w1 = np.random.randn(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))
        print("w1 =", self.w1)
        print("w2 =", self.w2)
        print("w3 =", self.w3)

    def sigmoid(self, z):
        print("sigmoid input shape:", np.shape(z))
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        print("forward: X.shape =", X.shape)
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        print("z1", self.z1.shape, "a1", self.a1.shape)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        print("z2", self.z2.shape, "a2", self.a2.shape)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        print("output a3[:, :3] =", self.a3[:, :3])
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        loss = -np.mean(y * np.log(self.a3 + 1e-12) + (1 - y) * np.log(1 - self.a3 + 1e-12))
        print(f"loss = {loss:.6f}, lr = {lr}, m = {m}")
        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)
        print("d3", d3.shape, "d2", d2.shape, "d1", d1.shape)
        self.w3 -= lr * d3 @ self.a2.T / m
        self.b3 -= lr * d3.sum(axis=1, keepdims=True) / m
        self.w2 -= lr * d2 @ self.a1.T / m
        self.b2 -= lr * d2.sum(axis=1, keepdims=True) / m
        self.w1 -= lr * d1 @ X.T / m
        self.b1 -= lr * d1.sum(axis=1, keepdims=True) / m
        print("updated w1 =", self.w1)
        print("-" * 40)


print("=== 로딩 완료 ===")
