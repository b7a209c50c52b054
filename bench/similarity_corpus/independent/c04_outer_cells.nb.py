# %%
%matplotlib inline
import numpy as np

np.set_printoptions(precision=4, suppress=True)

# %%
# 9주차 과제 - 신경망 클래스
# 먼저 __init__ 이랑 sigmoid 만 만들고, forward / update 는 아래 셀에서 붙임
class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) * np.sqrt(1.0 / cf[0])
        self.w2 = np.random.randn(cf[2], cf[1]) * np.sqrt(1.0 / cf[1])
        self.w3 = np.random.randn(cf[3], cf[2]) * np.sqrt(1.0 / cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        pass

    def update(self, lr, y, X):
        pass

# %%
def forward(self, X):
    self.z1 = np.matmul(self.w1, X) + self.b1
    self.a1 = self.sigmoid(self.z1)
    self.z2 = np.matmul(self.w2, self.a1) + self.b2
    self.a2 = self.sigmoid(self.z2)
    self.z3 = np.matmul(self.w3, self.a2) + self.b3
    self.a3 = self.sigmoid(self.z3)
    return self.a3

NeuralNetwork.forward = forward

# %%
# 샘플 하나씩 역전파해서 기울기를 더한 다음 m 으로 나눔 (강의 식을 열 하나씩 그대로 적용)
def update(self, lr, y, X):
    m = X.shape[1]
    gw1, gw2, gw3 = np.zeros_like(self.w1), np.zeros_like(self.w2), np.zeros_like(self.w3)
    gb1, gb2, gb3 = np.zeros_like(self.b1), np.zeros_like(self.b2), np.zeros_like(self.b3)

    for j in range(m):
        x, a1, a2, a3 = X[:, j], self.a1[:, j], self.a2[:, j], self.a3[:, j]
        d3 = a3 - y[:, j]
        d2 = self.w3.T.dot(d3) * a2 * (1 - a2)
        d1 = self.w2.T.dot(d2) * a1 * (1 - a1)

        gw3 += np.outer(d3, a2)
        gw2 += np.outer(d2, a1)
        gw1 += np.outer(d1, x)
        gb3 += d3.reshape(-1, 1)
        gb2 += d2.reshape(-1, 1)
        gb1 += d1.reshape(-1, 1)

    self.w1 = self.w1 - lr * gw1 / m
    self.w2 = self.w2 - lr * gw2 / m
    self.w3 = self.w3 - lr * gw3 / m
    self.b1 = self.b1 - lr * gb1 / m
    self.b2 = self.b2 - lr * gb2 / m
    self.b3 = self.b3 - lr * gb3 / m

NeuralNetwork.update = update

# %%
np.random.seed(3)
net = NeuralNetwork([4, 3, 2, 1])
X = np.random.randn(4, 5)
print(net.forward(X).shape, net.forward(X[:, [0]]).shape)

# %%
X = np.random.randn(4, 100)
y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)
losses = []
for epoch in range(1000):
    a3 = net.forward(X)
    losses.append(-np.mean(y * np.log(a3) + (1 - y) * np.log(1 - a3)))
    net.update(2.0, y, X)
print(losses[0], losses[-1])
print("accuracy:", np.mean((net.forward(X) >= 0.5) == y))
