"""9주차 신경망 과제"""
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        np_in, nh1, nh2, nout = cf
        self.w1 = np.random.randn(nh1, np_in) * 0.5
        self.w2 = np.random.randn(nh2, nh1) * 0.5
        self.w3 = np.random.randn(nout, nh2) * 0.5
        self.b1 = np.zeros((nh1, 1))
        self.b2 = np.zeros((nh2, 1))
        self.b3 = np.zeros((nout, 1))

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

        delta3 = self.a3 - y
        delta2 = (self.w3.T @ delta3) * self.a2 * (1 - self.a2)
        delta1 = (self.w2.T @ delta2) * self.a1 * (1 - self.a1)

        dW3 = delta3 @ self.a2.T / m
        dW2 = delta2 @ self.a1.T / m
        dW1 = delta1 @ X.T / m
        # 편향의 기울기 = delta 의 합 / m
        db3 = np.sum(delta3) / m
        db2 = np.sum(delta2) / m
        db1 = np.sum(delta1) / m

        self.w3 -= lr * dW3
        self.w2 -= lr * dW2
        self.w1 -= lr * dW1
        self.b3 -= lr * db3
        self.b2 -= lr * db2
        self.b1 -= lr * db1


if __name__ == "__main__":
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 3, 3, 1])
    print("b shapes:", net.b1.shape, net.b2.shape, net.b3.shape)
    for e in range(10000):
        net.forward(X)
        net.update(2, y, X)
    print("b shapes after training:", net.b1.shape, net.b2.shape, net.b3.shape)
    print(net.forward(X))
