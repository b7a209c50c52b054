# mutant: forward treats samples as rows (X.T @ w1.T): returns (m, n_out) and stores (m, n) activations
import numpy as np

# 9주차 실습: NeuralNetwork 클래스


class NeuralNetwork:
    def __init__(self, cf):
        n0, n1, n2, n3 = cf[0], cf[1], cf[2], cf[3]
        self.w1 = np.random.randn(n1, n0) * np.sqrt(1 / n0)
        self.b1 = np.zeros((n1, 1))
        self.w2 = np.random.randn(n2, n1) * np.sqrt(1 / n1)
        self.b2 = np.zeros((n2, 1))
        self.w3 = np.random.randn(n3, n2) * np.sqrt(1 / n2)
        self.b3 = np.zeros((n3, 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        # 데이터 한 줄(행)이 샘플 하나
        self.z1 = np.matmul(X.T, self.w1.T) + self.b1.T
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(self.a1, self.w2.T) + self.b2.T
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(self.a2, self.w3.T) + self.b3.T
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        delta3 = self.a3 - y
        delta2 = np.matmul(self.w3.T, delta3) * (self.a2 * (1 - self.a2))
        delta1 = np.matmul(self.w2.T, delta2) * (self.a1 * (1 - self.a1))

        grad = {
            "w3": np.matmul(delta3, self.a2.T) / m,
            "b3": delta3.sum(axis=1, keepdims=True) / m,
            "w2": np.matmul(delta2, self.a1.T) / m,
            "b2": delta2.sum(axis=1, keepdims=True) / m,
            "w1": np.matmul(delta1, X.T) / m,
            "b1": delta1.sum(axis=1, keepdims=True) / m,
        }
        # 학습률만큼 gradient 반대 방향으로 이동
        self.w3 -= lr * grad["w3"]
        self.b3 -= lr * grad["b3"]
        self.w2 -= lr * grad["w2"]
        self.b2 -= lr * grad["b2"]
        self.w1 -= lr * grad["w1"]
        self.b1 -= lr * grad["b1"]


if __name__ == "__main__":
    np.random.seed(1)
    X = np.random.randn(4, 8)
    y = (X[0] > X[1]).astype(float).reshape(1, -1)
    model = NeuralNetwork([4, 3, 2, 1])
    for epoch in range(1000):
        model.forward(X)
        model.update(1.0, y, X)
    print((model.forward(X) > 0.5).astype(int), y)
