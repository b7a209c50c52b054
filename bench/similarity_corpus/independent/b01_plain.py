import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # cf = [4, 3, 2, 1]
        # cf[0]: 입력층, cf[1]: 첫 번째 은닉층, cf[2]: 두 번째 은닉층, cf[3]: 출력층
        self.w1 = np.random.rand(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.rand(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.rand(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        # 첫 번째 은닉층
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        # 두 번째 은닉층
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        # 출력층
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    # lr : 학습률(Learning Rate) # y : 실제값 # X: 입력 데이터
    def update(self, lr, y, X):
        m = X.shape[1]  # 샘플 수

        # 출력층 δ
        d3 = self.a3 - y
        # Hidden Layer δ
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)

        # weight update
        self.w3 -= lr * (d3 @ self.a2.T) / m
        self.b3 -= lr * np.sum(d3, axis=1, keepdims=True) / m
        self.w2 -= lr * (d2 @ self.a1.T) / m
        self.b2 -= lr * np.sum(d2, axis=1, keepdims=True) / m
        self.w1 -= lr * (d1 @ X.T) / m
        self.b1 -= lr * np.sum(d1, axis=1, keepdims=True) / m


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(4, 5)
    net = NeuralNetwork([4, 3, 2, 1])
    print(net.forward(X).shape)  # (1, 5)
    print(net.w1.shape, net.b1.shape)
    print(net.w2.shape, net.b2.shape)
    print(net.w3.shape, net.b3.shape)
