import numpy as np


def _slot(list_name, index):
    """self.<list_name>[index] 를 읽고 쓰는 property 를 만든다.
    (채점기가 net.w1 = ... 처럼 직접 넣어도 리스트에 반영되도록)"""

    def getter(self):
        return getattr(self, list_name)[index]

    def setter(self, value):
        getattr(self, list_name)[index] = value

    return property(getter, setter)


class NeuralNetwork:
    """층을 리스트로 관리하는 신경망.

    W[l], B[l] : l번째 층의 가중치와 편향 (l = 1, 2, 3), W[0], B[0] 은 사용하지 않음
    Z[l], A[l] : 순전파 때 저장하는 값, A[0] = X
    """

    w1, w2, w3 = _slot("W", 1), _slot("W", 2), _slot("W", 3)
    b1, b2, b3 = _slot("B", 1), _slot("B", 2), _slot("B", 3)
    z1, z2, z3 = _slot("Z", 1), _slot("Z", 2), _slot("Z", 3)
    a1, a2, a3 = _slot("A", 1), _slot("A", 2), _slot("A", 3)

    def __init__(self, cf):
        self.cf = list(cf)
        self.L = len(cf)  # 층의 개수 (입력층 포함) = 4
        self.W = [None] * self.L
        self.B = [None] * self.L
        self.Z = [None] * self.L
        self.A = [None] * self.L
        for l in range(1, self.L):
            # Xavier 초기화
            self.W[l] = np.random.randn(cf[l], cf[l - 1]) / np.sqrt(cf[l - 1])
            self.B[l] = np.zeros((cf[l], 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.A[0] = X
        for l in range(1, self.L):
            self.Z[l] = self.W[l] @ self.A[l - 1] + self.B[l]
            self.A[l] = self.sigmoid(self.Z[l])
        return self.A[self.L - 1]

    def update(self, lr, y, X):
        L = self.L
        m = X.shape[1]
        A = [X] + self.A[1:]

        # 1) 역전파: delta 를 뒤에서부터 전부 구한다 (가중치는 아직 그대로)
        delta = [None] * L
        delta[L - 1] = A[L - 1] - y
        for l in range(L - 2, 0, -1):
            delta[l] = (self.W[l + 1].T @ delta[l + 1]) * A[l] * (1 - A[l])

        # 2) 기울기
        dW = [None] * L
        dB = [None] * L
        for l in range(1, L):
            dW[l] = delta[l] @ A[l - 1].T / m
            dB[l] = delta[l].sum(axis=1, keepdims=True) / m

        # 3) 갱신
        for l in range(1, L):
            self.W[l] = self.W[l] - lr * dW[l]
            self.B[l] = self.B[l] - lr * dB[l]


if __name__ == "__main__":
    np.random.seed(3)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 5, 3, 1])
    for l in range(1, net.L):
        print("layer", l, net.W[l].shape, net.B[l].shape)
    for epoch in range(10001):
        a = net.forward(X)
        net.update(2.0, y, X)
        if epoch % 1000 == 0:
            print(epoch, -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)))
    print(net.forward(X).round(3))
