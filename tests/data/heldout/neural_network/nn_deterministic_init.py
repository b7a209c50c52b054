import numpy as np


class NeuralNetwork:
    """모든 층에 sigmoid 를 쓰는 4층 신경망.

    초기값: 가중치와 편향 모두 0 (실행할 때마다 결과가 같도록)
    """

    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.zeros([cf[1], cf[0]])
        self.w2 = np.zeros([cf[2], cf[1]])
        self.w3 = np.zeros([cf[3], cf[2]])
        self.b1 = np.zeros([cf[1], 1])
        self.b2 = np.zeros([cf[2], 1])
        self.b3 = np.zeros([cf[3], 1])

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def sigmoid_prime(self, z):
        return z * (1 - z)

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
        d3 = self.a3 - y
        d2 = self.w3.T @ d3 * self.sigmoid_prime(self.z2)
        d1 = self.w2.T @ d2 * self.sigmoid_prime(self.z1)

        self.w3 -= lr / m * d3 @ self.a2.T
        self.b3 -= lr / m * d3.sum(axis=1, keepdims=True)
        self.w2 -= lr / m * d2 @ self.a1.T
        self.b2 -= lr / m * d2.sum(axis=1, keepdims=True)
        self.w1 -= lr / m * d1 @ X.T
        self.b1 -= lr / m * d1.sum(axis=1, keepdims=True)


if __name__ == "__main__":
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 4, 4, 1])
    for i in range(5000):
        net.forward(X)
        net.update(1.0, y, X)
    print("w1 =", net.w1)
    print(net.forward(X))
