# correct variant: helper methods sigmoid_prime(z) / _dsigmoid(a); derivative taken from z; Korean comments
import numpy as np


class NeuralNetwork:
    """3층 신경망 (은닉층 2개 + 출력층), 모든 층에 sigmoid 사용"""

    def __init__(self, cf):
        np_rand = np.random.randn
        # 가중치: 정규분포 난수 / 편향: 0
        self.w1 = np_rand(cf[1], cf[0]) / np.sqrt(cf[0])
        self.b1 = np.zeros([cf[1], 1])
        self.w2 = np_rand(cf[2], cf[1]) / np.sqrt(cf[1])
        self.b2 = np.zeros([cf[2], 1])
        self.w3 = np_rand(cf[3], cf[2]) / np.sqrt(cf[2])
        self.b3 = np.zeros([cf[3], 1])

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def sigmoid_prime(self, z):
        # 시그모이드의 도함수: g'(z) = g(z)(1 - g(z))
        s = self.sigmoid(z)
        return s * (1 - s)

    def _dsigmoid(self, a):
        # 이미 sigmoid를 통과한 값 a 에 대한 도함수
        return a * (1 - a)

    def forward(self, X):
        # 순전파
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        # 역전파
        m = X.shape[1]
        d3 = self.a3 - y                                     # 교차 엔트로피 + sigmoid → a - y
        d2 = (self.w3.T @ d3) * self.sigmoid_prime(self.z2)  # z로부터 도함수 계산
        d1 = (self.w2.T @ d2) * self._dsigmoid(self.a1)      # a로부터 도함수 계산

        grad_w3 = d3 @ self.a2.T / m
        grad_b3 = d3.sum(axis=1, keepdims=True) / m
        grad_w2 = d2 @ self.a1.T / m
        grad_b2 = d2.sum(axis=1, keepdims=True) / m
        grad_w1 = d1 @ X.T / m
        grad_b1 = d1.sum(axis=1, keepdims=True) / m

        # 가중치 업데이트 (경사 하강법)
        self.w3 -= lr * grad_w3
        self.b3 -= lr * grad_b3
        self.w2 -= lr * grad_w2
        self.b2 -= lr * grad_b2
        self.w1 -= lr * grad_w1
        self.b1 -= lr * grad_b1


if __name__ == "__main__":
    model = NeuralNetwork([4, 3, 2, 1])
    X = np.random.randn(4, 3)
    print(model.forward(X).shape)  # (1, 3)
