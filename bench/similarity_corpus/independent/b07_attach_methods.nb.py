# %%
%matplotlib inline
import numpy as np

# %% [markdown]
# 9주차 과제 - NeuralNetwork 클래스 구현

# %%
class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.rand(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.rand(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.rand(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1/(1 + np.exp(-z))

# %%
# forward 셀
def forward(self, X):
    self.z1 = self.w1 @ X + self.b1
    self.a1 = self.sigmoid(self.z1)
    self.z2 = self.w2 @ self.a1 + self.b2
    self.a2 = self.sigmoid(self.z2)
    self.z3 = self.w3 @ self.a2 + self.b3
    self.a3 = self.sigmoid(self.z3)
    return self.a3

NeuralNetwork.forward = forward

# %%
# update 셀 (backpropagation)
def update(self, lr, y, X):
    m = X.shape[1]
    d3 = self.a3 - y
    d2 = self.w3.T @ d3 * self.a2 * (1 - self.a2)
    d1 = self.w2.T @ d2 * self.a1 * (1 - self.a1)

    self.w3 -= lr * d3 @ self.a2.T / m
    self.b3 -= lr * d3.sum(axis=1, keepdims=True) / m
    self.w2 -= lr * d2 @ self.a1.T / m
    self.b2 -= lr * d2.sum(axis=1, keepdims=True) / m
    self.w1 -= lr * d1 @ X.T / m
    self.b1 -= lr * d1.sum(axis=1, keepdims=True) / m

NeuralNetwork.update = update

# %%
np.random.seed(0)
net = NeuralNetwork([4, 3, 2, 1])
X = np.random.randn(4, 5)
net.forward(X).shape

# %%
X = np.random.randn(3, 300)
y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)
net = NeuralNetwork([3, 5, 3, 1])
losses = []
for i in range(2000):
    a3 = net.forward(X)
    losses.append(-np.mean(y*np.log(a3) + (1-y)*np.log(1-a3)))
    net.update(1.0, y, X)
print(losses[0], losses[-1])

# %%
np.mean((net.forward(X) >= 0.5) == y)
