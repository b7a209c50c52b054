import numpy as np


class NeuralNetwork:
    """9주차 과제 - 은닉층 2개짜리 신경망 (모든 층 sigmoid)"""

    def __init__(self, cf):
        # cf = [입력, 은닉1, 은닉2, 출력]
        self.cf = cf
        # 가중치: (이번 층 뉴런 수, 이전 층 뉴런 수)
        self.w1 = np.random.rand(cf[1], cf[0])
        self.w2 = np.random.rand(cf[2], cf[1])
        self.w3 = np.random.rand(cf[3], cf[2])
        # 편향: (n, 1) 열벡터, 0으로 초기화
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
        # lr : 학습률(Learning Rate)
        # y : 실제값
        # X : 입력 데이터
        m = X.shape[1]

        # 출력층 delta
        d3 = self.a3 - y
        # 은닉층 delta
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)

        dw3 = d3 @ self.a2.T / m
        db3 = np.sum(d3, axis=1, keepdims=True) / m
        dw2 = d2 @ self.a1.T / m
        db2 = np.sum(d2, axis=1, keepdims=True) / m
        dw1 = d1 @ X.T / m
        db1 = np.sum(d1, axis=1, keepdims=True) / m

        self.w3 = self.w3 - lr * dw3
        self.b3 = self.b3 - lr * db3
        self.w2 = self.w2 - lr * dw2
        self.b2 = self.b2 - lr * db2
        self.w1 = self.w1 - lr * dw1
        self.b1 = self.b1 - lr * db1


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(4, 5)
    net = NeuralNetwork([4, 3, 2, 1])
    print(net.w1.shape, net.b1.shape)
    print(net.forward(X).shape)  # (1, 5)
    print(net.forward(X[:, [0]]).shape)  # (1, 1)

    # XOR 테스트
    X = np.array([[0, 0, 1, 1],
                  [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 4, 3, 1])
    for epoch in range(20000):
        out = net.forward(X)
        net.update(2.0, y, X)
        if epoch % 2000 == 0:
            loss = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
            print(epoch, loss)
    print(np.round(net.forward(X), 3))
