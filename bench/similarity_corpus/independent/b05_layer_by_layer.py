import numpy as np


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

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = len(X[0])

        # 출력층부터 거꾸로 한 층씩 업데이트
        # 업데이트 전 가중치로 δ를 구해야 하므로 copy 해둠
        w3_old = self.w3.copy()
        w2_old = self.w2.copy()

        # 3층
        d3 = self.a3 - y
        self.w3 -= lr * (d3 @ self.a2.T) / m
        self.b3 -= lr * np.sum(d3, axis=1, keepdims=True) / m

        # 2층
        d2 = (w3_old.T @ d3) * self.a2 * (1 - self.a2)
        self.w2 -= lr * (d2 @ self.a1.T) / m
        self.b2 -= lr * np.sum(d2, axis=1, keepdims=True) / m

        # 1층
        d1 = (w2_old.T @ d2) * self.a1 * (1 - self.a1)
        self.w1 -= lr * (d1 @ X.T) / m
        self.b1 -= lr * np.sum(d1, axis=1, keepdims=True) / m


if __name__ == "__main__":
    np.random.seed(0)
    nn = NeuralNetwork([4, 3, 2, 1])
    X = np.random.randn(4, 8)
    y = np.array([[0, 1, 1, 0, 1, 0, 0, 1]])
    for j in range(8):
        assert np.allclose(nn.forward(X)[:, [j]], nn.forward(X[:, [j]]))
    print("broadcasting ok")
    for i in range(500):
        nn.forward(X)
        nn.update(0.1, y, X)
    print(nn.forward(X))
