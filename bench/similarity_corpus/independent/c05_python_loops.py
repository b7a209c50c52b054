import numpy as np


# numpy 의 @ 가 정확히 뭘 하는지 헷갈려서 행렬곱/전치를 직접 for 문으로 구현함
def mat_mul(A, B):
    n_rows, n_inner = A.shape
    n_inner2, n_cols = B.shape
    if n_inner != n_inner2:
        raise ValueError("shape mismatch: " + str(A.shape) + " x " + str(B.shape))
    C = np.zeros((n_rows, n_cols))
    for i in range(n_rows):
        for j in range(n_cols):
            total = 0.0
            for k in range(n_inner):
                total += A[i, k] * B[k, j]
            C[i, j] = total
    return C


def transpose(A):
    T = np.zeros((A.shape[1], A.shape[0]))
    for i in range(A.shape[0]):
        for j in range(A.shape[1]):
            T[j, i] = A[i, j]
    return T


def add_bias(Z, b):
    # b 는 (n, 1): 모든 열(샘플)에 똑같이 더함
    out = np.zeros(Z.shape)
    for i in range(Z.shape[0]):
        for j in range(Z.shape[1]):
            out[i, j] = Z[i, j] + b[i, 0]
    return out


def row_sum(D):
    s = np.zeros((D.shape[0], 1))
    for i in range(D.shape[0]):
        for j in range(D.shape[1]):
            s[i, 0] += D[i, j]
    return s


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.randn(cf[1], cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = add_bias(mat_mul(self.w1, X), self.b1)
        self.a1 = self.sigmoid(self.z1)
        self.z2 = add_bias(mat_mul(self.w2, self.a1), self.b2)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = add_bias(mat_mul(self.w3, self.a2), self.b3)
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]   # 샘플 수 = 열 개수

        d3 = self.a3 - y
        d2 = mat_mul(transpose(self.w3), d3) * self.a2 * (1 - self.a2)
        d1 = mat_mul(transpose(self.w2), d2) * self.a1 * (1 - self.a1)

        dw3 = mat_mul(d3, transpose(self.a2)) / m
        dw2 = mat_mul(d2, transpose(self.a1)) / m
        dw1 = mat_mul(d1, transpose(X)) / m
        db3 = row_sum(d3) / m
        db2 = row_sum(d2) / m
        db1 = row_sum(d1) / m

        self.w3 = self.w3 - lr * dw3
        self.w2 = self.w2 - lr * dw2
        self.w1 = self.w1 - lr * dw1
        self.b3 = self.b3 - lr * db3
        self.b2 = self.b2 - lr * db2
        self.b1 = self.b1 - lr * db1


if __name__ == "__main__":
    # 내 행렬곱이 numpy 랑 같은지 먼저 확인
    A = np.random.randn(3, 4)
    B = np.random.randn(4, 2)
    print("mat_mul ok?", np.allclose(mat_mul(A, B), A @ B))

    np.random.seed(1)
    nn = NeuralNetwork([4, 3, 2, 1])
    X = np.random.randn(4, 8)
    y = np.array([[1, 0, 1, 1, 0, 0, 1, 0]])
    for i in range(200):
        out = nn.forward(X)
        nn.update(0.5, y, X)
    print(out.shape)
    print(np.round(out, 2))
