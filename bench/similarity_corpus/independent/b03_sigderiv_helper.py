import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # 가중치는 난수, bias는 0으로 초기화
        self.w1 = np.random.randn(cf[1], cf[0]) * 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) * 0.5
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) * 0.5
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def sigmoid_derivative(self, a):
        # a = sigmoid(z) 이므로 도함수는 a(1-a)
        return a * (1 - a)

    def forward(self, X):
        self.z1 = np.matmul(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)

        self.z2 = np.matmul(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)

        self.z3 = np.matmul(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)

        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        # backpropagation
        dz3 = self.a3 - y
        dz2 = np.matmul(self.w3.T, dz3) * self.sigmoid_derivative(self.a2)
        dz1 = np.matmul(self.w2.T, dz2) * self.sigmoid_derivative(self.a1)

        # 기울기 계산 (bias는 평균)
        dw3 = np.matmul(dz3, self.a2.T) / m
        db3 = np.mean(dz3, axis=1, keepdims=True)
        dw2 = np.matmul(dz2, self.a1.T) / m
        db2 = np.mean(dz2, axis=1, keepdims=True)
        dw1 = np.matmul(dz1, X.T) / m
        db1 = np.mean(dz1, axis=1, keepdims=True)

        # gradient descent
        self.w3 -= lr * dw3
        self.w2 -= lr * dw2
        self.w1 -= lr * dw1
        self.b3 -= lr * db3
        self.b2 -= lr * db2
        self.b1 -= lr * db1


if __name__ == "__main__":
    net = NeuralNetwork([4, 3, 2, 1])
    X = np.random.randn(4, 1)
    print(net.forward(X).shape)
    X = np.random.randn(4, 6)
    print(net.forward(X).shape)
    print(net.sigmoid(0), net.sigmoid(np.zeros((2, 3, 4))).shape)
