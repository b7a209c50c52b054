# correct variant: forward loops over the samples column by column (np.dot), lecture-style np.random.rand init
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # cf[0]: 입력층, cf[1]: 첫 번째 은닉층, cf[2]: 두 번째 은닉층, cf[3]: 출력층
        self.w1 = np.random.rand(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.rand(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.rand(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        z1s, a1s, z2s, a2s, z3s, a3s = [], [], [], [], [], []
        # 샘플 하나씩 (열 하나씩) 순전파
        for i in range(X.shape[1]):
            x = X[:, i].reshape(-1, 1)
            z1 = np.dot(self.w1, x) + self.b1
            a1 = self.sigmoid(z1)
            z2 = np.dot(self.w2, a1) + self.b2
            a2 = self.sigmoid(z2)
            z3 = np.dot(self.w3, a2) + self.b3
            a3 = self.sigmoid(z3)
            z1s.append(z1); a1s.append(a1)
            z2s.append(z2); a2s.append(a2)
            z3s.append(z3); a3s.append(a3)
        self.z1 = np.hstack(z1s)
        self.a1 = np.hstack(a1s)
        self.z2 = np.hstack(z2s)
        self.a2 = np.hstack(a2s)
        self.z3 = np.hstack(z3s)
        self.a3 = np.hstack(a3s)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        dz3 = self.a3 - y
        dz2 = np.dot(self.w3.T, dz3) * self.a2 * (1 - self.a2)
        dz1 = np.dot(self.w2.T, dz2) * self.a1 * (1 - self.a1)

        dw3 = np.dot(dz3, self.a2.T) / m
        db3 = np.sum(dz3, axis=1, keepdims=True) / m
        dw2 = np.dot(dz2, self.a1.T) / m
        db2 = np.sum(dz2, axis=1, keepdims=True) / m
        dw1 = np.dot(dz1, X.T) / m
        db1 = np.sum(dz1, axis=1, keepdims=True) / m

        self.w3 = self.w3 - lr * dw3
        self.b3 = self.b3 - lr * db3
        self.w2 = self.w2 - lr * dw2
        self.b2 = self.b2 - lr * db2
        self.w1 = self.w1 - lr * dw1
        self.b1 = self.b1 - lr * db1


if __name__ == "__main__":
    nn = NeuralNetwork([4, 3, 2, 1])
    X = np.random.randn(4, 5)
    print(nn.forward(X))
