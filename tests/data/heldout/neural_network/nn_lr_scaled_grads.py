import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        """가중치: 정규분포 난수, 편향: 0"""
        self.w1 = np.random.randn(cf[1], cf[0])
        self.w2 = np.random.randn(cf[2], cf[1])
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        """sigmoid 함수"""
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        """순전파: z, a 를 모두 저장"""
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        """역전파: 각 층의 변화량(학습률 포함)을 구한 다음 가중치에서 뺀다"""
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)

        # 변화량 = 학습률 * 기울기
        dw3 = lr * (d3 @ self.a2.T) / m
        dw2 = lr * (d2 @ self.a1.T) / m
        dw1 = lr * (d1 @ X.T) / m
        db3 = lr * np.sum(d3, axis=1, keepdims=True) / m
        db2 = lr * np.sum(d2, axis=1, keepdims=True) / m
        db1 = lr * np.sum(d1, axis=1, keepdims=True) / m

        self.w3 -= lr * dw3
        self.w2 -= lr * dw2
        self.w1 -= lr * dw1


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(4, 100)
    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)
    net = NeuralNetwork([4, 3, 2, 1])
    for epoch in range(3000):
        net.forward(X)
        net.update(0.5, y, X)
        if epoch % 500 == 0:
            print(epoch, np.mean((net.a3 >= 0.5) == y))
