# %%
import numpy as np
import matplotlib.pyplot as plt
%matplotlib inline

# %%
class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.1
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.1
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.1
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

# %%
def sigmoid(self, z):
    return 1 / (1 + np.exp(-z))

NeuralNetwork.sigmoid = sigmoid

# %%
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
def update(self, lr, y, X):
    m = X.shape[1]
    delta_out = self.a3 - y
    delta_h2 = self.w3.T @ delta_out * self.a2 * (1 - self.a2)
    delta_h1 = self.w2.T @ delta_h2 * self.a1 * (1 - self.a1)
    self.w3 -= lr * (delta_out @ self.a2.T) / m
    self.b3 -= lr * delta_out.sum(axis=1, keepdims=True) / m
    self.w2 -= lr * (delta_h2 @ self.a1.T) / m
    self.b2 -= lr * delta_h2.sum(axis=1, keepdims=True) / m
    self.w1 -= lr * (delta_h1 @ X.T) / m
    self.b1 -= lr * delta_h1.sum(axis=1, keepdims=True) / m

NeuralNetwork.update = update

# %%
net = NeuralNetwork([2, 4, 3, 1])
X = np.random.randn(2, 200)
y = (X[0:1] * X[1:2] > 0).astype(float)
losses = []
for i in range(2000):
    p = net.forward(X)
    losses.append(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    net.update(2.0, y, X)
plt.plot(losses)
