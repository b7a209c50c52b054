# %%
# ## 9주차 과제: NeuralNetwork 클래스
# 입력층 - 은닉층1 - 은닉층2 - 출력층, 활성화 함수는 전부 sigmoid
import numpy as np

# %%
class NeuralNetwork:
    def __init__(self, cf):
        # w: (이번 층 뉴런 수, 이전 층 뉴런 수), b: (이번 층 뉴런 수, 1)
        self.w1 = np.random.randn(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        # 출력층 delta (cross entropy + sigmoid)
        dz3 = self.a3 - y
        dw3 = np.dot(dz3, self.a2.T) / m
        db3 = np.sum(dz3) / m

        # 은닉층 2
        dz2 = np.dot(self.w3.T, dz3) * self.a2 * (1 - self.a2)
        dw2 = np.dot(dz2, self.a1.T) / m
        db2 = np.sum(dz2) / m

        # 은닉층 1
        dz1 = np.dot(self.w2.T, dz2) * self.a1 * (1 - self.a1)
        dw1 = np.dot(dz1, X.T) / m
        db1 = np.sum(dz1) / m

        # 경사 하강법
        self.w1 = self.w1 - lr * dw1
        self.b1 = self.b1 - lr * db1
        self.w2 = self.w2 - lr * dw2
        self.b2 = self.b2 - lr * db2
        self.w3 = self.w3 - lr * dw3
        self.b3 = self.b3 - lr * db3

# %%
# shape 확인
nn = NeuralNetwork([4, 3, 2, 1])
X = np.random.randn(4, 5)
print(nn.w1.shape, nn.b1.shape, nn.w2.shape, nn.b2.shape, nn.w3.shape, nn.b3.shape)
print(nn.forward(X).shape)
print(nn.sigmoid(0), nn.sigmoid(np.zeros((2, 3, 4))).shape)

# %%
%%time
np.random.seed(0)
X = np.random.randn(4, 100)
y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, 100)
nn = NeuralNetwork([4, 3, 2, 1])
for i in range(1000):
    out = nn.forward(X)
    nn.update(0.5, y, X)
    if i % 200 == 0:
        loss = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
        print(i, loss)
print("정확도:", np.mean((nn.forward(X) >= 0.5) == y))
