import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # 구조 정의 EX) cf = [4, 3, 2, 1]
        # cf[1]: 첫 번째 은닉층의 뉴런수 (3), cf[2]: 두 번째 은닉층의 뉴런수 (2)
        self.cf = cf
        # 입력층(4) -> 첫 번째 은닉층(3)
        self.w1 = np.random.rand(3, 4)
        self.b1 = np.zeros((3, 1))
        # 첫 번째 은닉층(3) -> 두 번째 은닉층(2)
        self.w2 = np.random.rand(2, 3)
        self.b2 = np.zeros((2, 1))
        # 두 번째 은닉층(2) -> 출력층(1)
        self.w3 = np.random.rand(1, 2)
        self.b3 = np.zeros((1, 1))

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
        # 최종 출력층 delta
        delta3 = self.a3 - y
        # Hidden Layer delta
        delta2 = (self.w3.T @ delta3) * (self.a2 * (1 - self.a2))
        delta1 = (self.w2.T @ delta2) * (self.a1 * (1 - self.a1))
        # Weight update
        self.w3 = self.w3 - lr * (delta3 @ self.a2.T) / m
        self.b3 = self.b3 - lr * np.sum(delta3, axis=1, keepdims=True) / m
        self.w2 = self.w2 - lr * (delta2 @ self.a1.T) / m
        self.b2 = self.b2 - lr * np.sum(delta2, axis=1, keepdims=True) / m
        self.w1 = self.w1 - lr * (delta1 @ X.T) / m
        self.b1 = self.b1 - lr * np.sum(delta1, axis=1, keepdims=True) / m


if __name__ == "__main__":
    cf = [4, 3, 2, 1]
    net = NeuralNetwork(cf)
    X = np.random.randn(4, 5)
    y = np.array([[1, 0, 1, 0, 1]])
    for i in range(3000):
        net.forward(X)
        net.update(1.0, y, X)
    print(net.forward(X).round(2), y)
