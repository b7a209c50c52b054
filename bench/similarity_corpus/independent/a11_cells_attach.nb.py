# %% [markdown]
# # 9주차 과제 - Neural Network 클래스
# 은닉층 2개, 모든 층 sigmoid, 손실함수는 binary cross entropy

# %%
%matplotlib inline
import numpy as np

np.random.seed(0)

# %%
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
        pass

    def update(self, lr, y, X):
        pass

# %%
net = NeuralNetwork([4, 3, 2, 1])
print(net.w1.shape, net.w2.shape, net.w3.shape)
print(net.b1.shape, net.b2.shape, net.b3.shape)
print(net.sigmoid(0), net.sigmoid(np.array([-1.0, 0.0, 1.0])))

# %% [markdown]
# ## forward 구현

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
X = np.random.randn(4, 6)
out = net.forward(X)
print(out.shape)
# 열 하나씩 넣어도 같은지 확인
print(np.allclose(out[:, [3]], net.forward(X[:, [3]])))

# %% [markdown]
# ## update (역전파)

# %%
def update(self, lr, y, X):
    m = X.shape[1]
    d3 = self.a3 - y
    d2 = np.matmul(np.transpose(self.w3), d3) * self.a2 * (1 - self.a2)
    d1 = np.matmul(np.transpose(self.w2), d2) * self.a1 * (1 - self.a1)

    self.w3 = self.w3 - lr * np.matmul(d3, np.transpose(self.a2)) / m
    self.w2 = self.w2 - lr * np.matmul(d2, np.transpose(self.a1)) / m
    self.w1 = self.w1 - lr * np.matmul(d1, np.transpose(X)) / m
    self.b3 = self.b3 - lr * np.sum(d3, axis=1, keepdims=True) / m
    self.b2 = self.b2 - lr * np.sum(d2, axis=1, keepdims=True) / m
    self.b1 = self.b1 - lr * np.sum(d1, axis=1, keepdims=True) / m

NeuralNetwork.update = update

# %%
X = np.random.randn(4, 100)
y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)

net = NeuralNetwork([4, 3, 2, 1])
losses = []
for i in range(2000):
    a3 = net.forward(X)
    losses.append(-np.mean(y * np.log(a3) + (1 - y) * np.log(1 - a3)))
    net.update(1.0, y, X)

print(losses[0], losses[-1])
print("accuracy:", np.mean((net.forward(X) >= 0.5) == y))
