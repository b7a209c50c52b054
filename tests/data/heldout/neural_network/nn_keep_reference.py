import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        """cf = [n_in, n_h1, n_h2, n_out]"""
        self.w1 = np.random.randn(cf[1], cf[0])
        self.w2 = np.random.randn(cf[2], cf[1])
        self.w3 = np.random.randn(cf[3], cf[2])
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
        m = X.shape[1]
        # 갱신 전 가중치를 따로 저장해 둔다
        w3_old = self.w3
        w2_old = self.w2

        # 출력층
        d3 = self.a3 - y
        self.w3 -= lr * (d3 @ self.a2.T) / m
        self.b3 -= lr * np.sum(d3, axis=1, keepdims=True) / m

        # 은닉층 2
        d2 = (w3_old.T @ d3) * self.a2 * (1 - self.a2)
        self.w2 -= lr * (d2 @ self.a1.T) / m
        self.b2 -= lr * np.sum(d2, axis=1, keepdims=True) / m

        # 은닉층 1
        d1 = (w2_old.T @ d2) * self.a1 * (1 - self.a1)
        self.w1 -= lr * (d1 @ X.T) / m
        self.b1 -= lr * np.sum(d1, axis=1, keepdims=True) / m


if __name__ == "__main__":
    np.random.seed(0)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    y = np.array([[0, 1, 1, 0]], dtype=float)
    net = NeuralNetwork([2, 4, 3, 1])
    for epoch in range(10000):
        out = net.forward(X)
        net.update(1.0, y, X)
        if epoch % 1000 == 0:
            print(epoch, np.mean(np.abs(out - y)))
    print(net.forward(X))
