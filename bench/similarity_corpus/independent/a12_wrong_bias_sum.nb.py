# %%
!pip install numpy
import numpy as np

# %%
# 신경망 클래스
class NeuralNetwork:
    def __init__(self, cf):
        # 가중치 : (다음층 뉴런수, 이전층 뉴런수)
        self.w1 = np.random.rand(cf[1], cf[0]) - 0.5
        self.w2 = np.random.rand(cf[2], cf[1]) - 0.5
        self.w3 = np.random.rand(cf[3], cf[2]) - 0.5
        # 편향 : 0 열벡터
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
        m = X.shape[1]  # 샘플 개수

        # 출력층 오차
        delta3 = self.a3 - y
        # 은닉층 오차 (시그모이드 미분 = a(1-a))
        delta2 = (self.w3.T @ delta3) * self.a2 * (1 - self.a2)
        delta1 = (self.w2.T @ delta2) * self.a1 * (1 - self.a1)

        # 가중치 업데이트
        self.w3 -= lr * (delta3 @ self.a2.T) / m
        self.w2 -= lr * (delta2 @ self.a1.T) / m
        self.w1 -= lr * (delta1 @ X.T) / m

        # 편향 업데이트
        self.b3 -= lr * np.sum(delta3) / m
        self.b2 -= lr * np.sum(delta2) / m
        self.b1 -= lr * np.sum(delta1) / m

# %%
# shape 확인
nn = NeuralNetwork([4, 3, 2, 1])
x_test = np.random.randn(4, 5)
print(nn.forward(x_test).shape)
print(nn.forward(x_test[:, [0]]).shape)
print(nn.b1.shape, nn.b2.shape, nn.b3.shape)

# %%
# 학습 테스트
np.random.seed(123)
X = np.random.randn(4, 40)
y = ((X[0] + X[1] - X[2]) > 0).astype(float).reshape(1, 40)

nn = NeuralNetwork([4, 3, 2, 1])
for epoch in range(1000):
    pred = nn.forward(X)
    loss = -np.mean(y * np.log(pred) + (1 - y) * np.log(1 - pred))
    nn.update(1.0, y, X)
    if epoch % 200 == 0:
        print(epoch, loss)

# %%
acc = np.mean((nn.forward(X) >= 0.5) == y)
print("정확도 :", acc)
