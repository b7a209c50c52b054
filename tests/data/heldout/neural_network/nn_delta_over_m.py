import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        """가중치는 Xavier 방식, 편향은 0"""
        self.w1 = np.random.randn(cf[1], cf[0]) * np.sqrt(1 / cf[0])
        self.w2 = np.random.randn(cf[2], cf[1]) * np.sqrt(1 / cf[1])
        self.w3 = np.random.randn(cf[3], cf[2]) * np.sqrt(1 / cf[2])
        self.b1 = np.zeros(shape=(cf[1], 1))
        self.b2 = np.zeros(shape=(cf[2], 1))
        self.b3 = np.zeros(shape=(cf[3], 1))

    def sigmoid(self, z):
        """시그모이드 함수"""
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        """순전파. X 는 (특성 수, 샘플 수)"""
        self.z1 = np.matmul(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        """역전파 후 경사하강법 한 번.

        손실이 평균 교차 엔트로피라서 출력층 delta 부터 1/m 을 곱해 두면
        뒤쪽 delta 와 기울기에도 1/m 이 자동으로 들어간다.
        """
        m = X.shape[1]
        delta3 = (self.a3 - y) / m
        delta2 = np.matmul(self.w3.T, delta3) * self.a2 * (1 - self.a2)
        delta1 = np.matmul(self.w2.T, delta2) * self.a1 * (1 - self.a1)

        self.w3 -= lr * np.matmul(delta3, self.a2.T)
        self.b3 -= lr * delta3.sum(axis=1, keepdims=True)
        self.w2 -= lr * np.matmul(delta2, self.a1.T)
        self.b2 -= lr * delta2.sum(axis=1, keepdims=True)
        self.w1 -= lr * np.matmul(delta1, X.T)
        self.b1 -= lr * delta1.sum(axis=1, keepdims=True)


if __name__ == "__main__":
    np.random.seed(7)
    # 간단한 데이터: y = (x0 + x1 - x2 > 0)
    X = np.random.randn(3, 200)
    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)
    net = NeuralNetwork([3, 4, 3, 1])
    for epoch in range(3000):
        net.forward(X)
        net.update(1.0, y, X)
    acc = np.mean((net.forward(X) >= 0.5) == y)
    print("정확도:", acc)

    # XOR
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 3, 3, 1])
    for epoch in range(20000):
        net.forward(X)
        net.update(3.0, y, X)
    print(net.forward(X))
