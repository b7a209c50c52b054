import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # 1. W 초기화 - 이번 층 뉴런 수 x 이전 층 뉴런 수
        self.w1 = np.random.rand(cf[1], cf[0])
        self.w2 = np.random.rand(cf[2], cf[1])
        self.w3 = np.random.rand(cf[3], cf[2])
        # 2. Bias 초기화
        self.b1 = np.zeros(cf[1], 1)
        self.b2 = np.zeros(cf[2], 1)
        self.b3 = np.zeros(cf[3], 1)

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.matmul(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        # lr : 학습률(Learning Rate) / y : 실제값 / X : 입력 데이터
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = np.matmul(self.w3.T, d3) * self.a2 * (1 - self.a2)
        d1 = np.matmul(self.w2.T, d2) * self.a1 * (1 - self.a1)

        self.w3 -= lr * np.matmul(d3, self.a2.T) / m
        self.b3 -= lr * np.sum(d3, axis=1, keepdims=True) / m
        self.w2 -= lr * np.matmul(d2, self.a1.T) / m
        self.b2 -= lr * np.sum(d2, axis=1, keepdims=True) / m
        self.w1 -= lr * np.matmul(d1, X.T) / m
        self.b1 -= lr * np.sum(d1, axis=1, keepdims=True) / m


if __name__ == "__main__":
    cf = [4, 3, 2, 1]
    net = NeuralNetwork(cf)
    X = np.random.randn(4, 5)
    print(net.forward(X))
