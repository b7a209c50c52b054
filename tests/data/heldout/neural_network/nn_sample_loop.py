import numpy as np


class NeuralNetwork:
    """샘플 하나씩 역전파해서 기울기를 더한 다음 평균을 내는 방식 (벡터화 전 버전)"""

    def __init__(self, cf):
        self.n_in, self.n_h1, self.n_h2, self.n_out = cf[0], cf[1], cf[2], cf[3]
        self.w1 = np.random.randn(self.n_h1, self.n_in)
        self.w2 = np.random.randn(self.n_h2, self.n_h1)
        self.w3 = np.random.randn(self.n_out, self.n_h2)
        self.b1 = np.zeros((self.n_h1, 1))
        self.b2 = np.zeros((self.n_h2, 1))
        self.b3 = np.zeros((self.n_out, 1))

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
        m = X.shape[1]
        gw1 = np.zeros(self.w1.shape)
        gw2 = np.zeros(self.w2.shape)
        gw3 = np.zeros(self.w3.shape)
        gb1 = np.zeros(self.b1.shape)
        gb2 = np.zeros(self.b2.shape)
        gb3 = np.zeros(self.b3.shape)

        for i in range(m):
            x = X[:, i:i + 1]
            a1 = self.a1[:, i:i + 1]
            a2 = self.a2[:, i:i + 1]
            a3 = self.a3[:, i:i + 1]
            t = y[:, i:i + 1]

            d3 = a3 - t
            d2 = np.dot(self.w3.T, d3) * a2 * (1 - a2)
            d1 = np.dot(self.w2.T, d2) * a1 * (1 - a1)

            gw3 += np.dot(d3, a2.T)
            gb3 += d3
            gw2 += np.dot(d2, a1.T)
            gb2 += d2
            gw1 += np.dot(d1, x.T)
            gb1 += d1

        self.w3 -= lr * gw3 / m
        self.b3 -= lr * gb3 / m
        self.w2 -= lr * gw2 / m
        self.b2 -= lr * gb2 / m
        self.w1 -= lr * gw1 / m
        self.b1 -= lr * gb1 / m


if __name__ == "__main__":
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    y = np.array([[0, 1, 1, 0]], dtype=float)
    np.random.seed(10)
    nn = NeuralNetwork([2, 3, 3, 1])
    for it in range(10000):
        p = nn.forward(X)
        nn.update(1.0, y, X)
    print("XOR 결과:", p.round(2))
