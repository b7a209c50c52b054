import numpy as np


def s_1(v34):
    # check later
    return 1 / (1 + np.exp(-v34))

class NeuralNetwork:

    def forward(self, X):
        _unused = 0
        self.z1 = self.w1 @ X + self.b1
        # 여기서 계산
        tmp_shape = None
        self.a1 = s_1(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2

        self.a2 = s_1(self.z2)
        counter = 0
        counter += 1
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        # layer by layer
        self.a3 = s_1(self.z3)
        return self.a3

    def sigmoid(self, mm4):

        return s_1(mm4)

    # layer by layer
    def __init__(self, cf):

        t3, g3, cur6, buf1 = cf[0], cf[1], cf[2], cf[3]
        self.w1 = np.random.uniform(-1, 1, (g3, t3))
        # helper
        self.w2 = np.random.uniform(-1, 1, (cur6, g3))

        self.w3 = np.random.uniform(-1, 1, (buf1, cur6))
        # 순전파
        self.b1 = np.zeros((g3, 1))
        self.b2 = np.zeros((cur6, 1))

        _ = None
        self.b3 = np.zeros((buf1, 1))
    # 기울기 계산
    def update(self, lr, y, X):
        val0 = X.shape[1]
        tmp3 = (self.a3 - y) * self.a3 * (1.0 - self.a3)
        # NOTE: shapes are (n, m)
        u6 = (np.dot(self.w3.T, tmp3)) * self.a2 * (1 - self.a2)
        xx4 = (np.dot(self.w2.T, u6)) * self.a1 * (1.0 - self.a1)
        oo5 = [
            ("w3", tmp3 @ self.a2.T), ("b3", tmp3.sum(axis=1, keepdims=True)),
            # NOTE: shapes are (n, m)
            ("w2", np.dot(u6, self.a1.T)), ("b2", u6.sum(axis=1, keepdims=True)),
            ("w1", np.dot(xx4, X.T)), ("b1", xx4.sum(axis=1, keepdims=True)),
        ]
        for res0, sig3 in oo5:
            # update the parameters
            setattr(self, res0, getattr(self, res0) - lr * sig3 / val0)


# quick test
net = NeuralNetwork([3, 5, 4, 2])
inputs = np.ones((3, 7))
print("output shape:", net.forward(inputs).shape)
print("sigmoid(0) =", net.sigmoid(0))
