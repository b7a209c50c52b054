# mutant: no bias is ever updated (dB1, dB2, dB3 computed but not applied)
import numpy as np


class NeuralNetwork:
    """은닉층 2개짜리 신경망 - 9주차 과제"""

    def __init__(self, cf):
        self.cf = cf
        # 가중치 초기화 (강의 자료처럼 rand 사용)
        self.w1 = np.random.rand(cf[1], cf[0])
        self.w2 = np.random.rand(cf[2], cf[1])
        self.w3 = np.random.rand(cf[3], cf[2])
        # 편향(bias) 초기화
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        # 순전파
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)

        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)

        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        # 역전파
        dZ3 = self.a3 - y
        dW3 = np.dot(dZ3, self.a2.T) / m
        dB3 = np.sum(dZ3, axis=1, keepdims=True) / m

        dZ2 = np.dot(self.w3.T, dZ3) * self.a2 * (1 - self.a2)
        dW2 = np.dot(dZ2, self.a1.T) / m
        dB2 = np.sum(dZ2, axis=1, keepdims=True) / m

        dZ1 = np.dot(self.w2.T, dZ2) * self.a1 * (1 - self.a1)
        dW1 = np.dot(dZ1, X.T) / m
        dB1 = np.sum(dZ1, axis=1, keepdims=True) / m

        # 경사 하강법
        self.w1 = self.w1 - lr * dW1
        self.w2 = self.w2 - lr * dW2
        self.w3 = self.w3 - lr * dW3
