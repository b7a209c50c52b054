#!/usr/bin/env python
# coding: utf-8

# # 9주차 과제: 신경망 클래스
# 
# 노트북에서 셀마다 메서드를 하나씩 구현하고, 클래스에 붙이는 방식으로 작성했습니다.

# In[1]:


import numpy as np


# In[2]:


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        self.w1 = np.random.rand(cf[1], cf[0]) - 0.5
        self.w2 = np.random.rand(cf[2], cf[1]) - 0.5
        self.w3 = np.random.rand(cf[3], cf[2]) - 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        pass

    def update(self, lr, y, X):
        pass


# In[3]:


def forward(self, X):
    # einsum 'ij,jk->ik' == 행렬 곱
    self.z1 = np.einsum('ij,jk->ik', self.w1, X) + self.b1
    self.a1 = self.sigmoid(self.z1)
    self.z2 = np.einsum('ij,jk->ik', self.w2, self.a1) + self.b2
    self.a2 = self.sigmoid(self.z2)
    self.z3 = np.einsum('ij,jk->ik', self.w3, self.a2) + self.b3
    self.a3 = self.sigmoid(self.z3)
    return self.a3

NeuralNetwork.forward = forward


# In[4]:


def update(self, lr, y, X):
    m = X.shape[1]
    d3 = self.a3 - y
    d2 = np.einsum('ji,jk->ik', self.w3, d3) * self.a2 * (1 - self.a2)   # w3.T @ d3
    d1 = np.einsum('ji,jk->ik', self.w2, d2) * self.a1 * (1 - self.a1)   # w2.T @ d2

    dw3 = np.einsum('ik,jk->ij', d3, self.a2) / m                        # d3 @ a2.T
    dw2 = np.einsum('ik,jk->ij', d2, self.a1) / m
    dw1 = np.einsum('ik,jk->ij', d1, X) / m
    db3 = d3.sum(axis=1, keepdims=True) / m
    db2 = d2.sum(axis=1, keepdims=True) / m
    db1 = d1.sum(axis=1, keepdims=True) / m

    self.w1, self.w2, self.w3 = self.w1 - lr * dw1, self.w2 - lr * dw2, self.w3 - lr * dw3
    self.b1, self.b2, self.b3 = self.b1 - lr * db1, self.b2 - lr * db2, self.b3 - lr * db3

NeuralNetwork.update = update


# In[5]:


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(4, 5)
    net = NeuralNetwork([4, 3, 2, 1])
    print(net.forward(X).shape)
    print(np.allclose(net.forward(X)[:, [2]], net.forward(X[:, [2]])))


# In[6]:


if __name__ == "__main__":
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 4, 2, 1])
    for i in range(20000):
        net.forward(X)
        net.update(2, y, X)
        if i % 4000 == 0:
            print(i, net.a3.round(3))
