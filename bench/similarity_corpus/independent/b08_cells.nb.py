# %%
import numpy as np

# %%
class NeuralNetwork:
    def __init__(self, cf):
        # cf = [입력, 은닉1, 은닉2, 출력]
        self.w1 = np.random.randn(cf[1], cf[0]) * np.sqrt(2 / cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * np.sqrt(2 / cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * np.sqrt(2 / cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.matmul(self.w1, X) + self.b1   # (cf[1], m)
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(self.w2, self.a1) + self.b2  # (cf[2], m)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(self.w3, self.a2) + self.b3  # (cf[3], m)
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        # 출력층 δ = a3 - y  (cross entropy + sigmoid)
        dz3 = self.a3 - y
        dw3 = np.matmul(dz3, self.a2.T) / m
        db3 = np.sum(dz3, axis=1, keepdims=True) / m

        # 은닉층 δ
        dz2 = np.matmul(self.w3.T, dz3) * self.a2 * (1 - self.a2)
        dw2 = np.matmul(dz2, self.a1.T) / m
        db2 = np.sum(dz2, axis=1, keepdims=True) / m

        dz1 = np.matmul(self.w2.T, dz2) * self.a1 * (1 - self.a1)
        dw1 = np.matmul(dz1, X.T) / m
        db1 = np.sum(dz1, axis=1, keepdims=True) / m

        # 업데이트
        self.w1 -= lr * dw1
        self.b1 -= lr * db1
        self.w2 -= lr * dw2
        self.b2 -= lr * db2
        self.w3 -= lr * dw3
        self.b3 -= lr * db3

# %%
net = NeuralNetwork([4, 3, 2, 1])
print(net.w1.shape, net.b1.shape, net.w2.shape, net.b2.shape, net.w3.shape, net.b3.shape)

# %%
X = np.random.randn(4, 1)
print(net.forward(X).shape)
X = np.random.randn(4, 5)
print(net.forward(X).shape)

# %%
# 간단한 데이터로 학습 확인
X = np.random.randn(4, 200)
y = (X[0] + X[1] - X[2] > 0).reshape(1, -1) * 1.0
for epoch in range(1500):
    net.forward(X)
    net.update(2.0, y, X)
print("정확도:", np.mean((net.forward(X) >= 0.5) == y))
