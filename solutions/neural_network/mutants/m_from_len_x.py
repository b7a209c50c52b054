# mutant: m taken as len(X), the number of inputs, not the number of samples
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # 강의처럼 np.random.rand로 가중치 초기화, 편향은 0
        self.w1 = np.random.rand(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.rand(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.rand(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.matmul(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = len(X)  # 샘플 수
        # 출력층 δ
        delta3 = self.a3 - y
        # 은닉층 δ (갱신 전 가중치 사용)
        delta2 = np.dot(self.w3.T, delta3) * self.a2 * (1 - self.a2)
        delta1 = np.dot(self.w2.T, delta2) * self.a1 * (1 - self.a1)
        self.w3 = self.w3 - lr * np.dot(delta3, self.a2.T) / m
        self.b3 = self.b3 - lr * np.sum(delta3, axis=1, keepdims=True) / m
        self.w2 = self.w2 - lr * np.dot(delta2, self.a1.T) / m
        self.b2 = self.b2 - lr * np.sum(delta2, axis=1, keepdims=True) / m
        self.w1 = self.w1 - lr * np.dot(delta1, X.T) / m
        self.b1 = self.b1 - lr * np.sum(delta1, axis=1, keepdims=True) / m
