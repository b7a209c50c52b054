import numpy as np

# 전체 코드에서 같은 난수 생성기 사용
rng = np.random.default_rng(2024)


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = cf
        # 표준정규분포 * 0.5
        self.w1 = rng.standard_normal((cf[1], cf[0])) * 0.5
        self.w2 = rng.standard_normal((cf[2], cf[1])) * 0.5
        self.w3 = rng.standard_normal((cf[3], cf[2])) * 0.5
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        # overflow 경고 안 나게: exp(-|z|) 로 나눠서 계산
        z = np.asarray(z, dtype=float)
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    def forward(self, X):
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]

        # 역전파: 델타 먼저 다 구하기
        dz3 = self.a3 - y
        dz2 = np.dot(self.w3.T, dz3) * self.a2 * (1 - self.a2)
        dz1 = np.dot(self.w2.T, dz2) * self.a1 * (1 - self.a1)

        # 평균 = 합 / m
        db3 = np.mean(dz3, axis=1, keepdims=True)
        db2 = np.mean(dz2, axis=1, keepdims=True)
        db1 = np.mean(dz1, axis=1, keepdims=True)
        dw3 = np.dot(dz3, self.a2.T) / m
        dw2 = np.dot(dz2, self.a1.T) / m
        dw1 = np.dot(dz1, X.T) / m

        self.b3 = self.b3 - lr * db3
        self.w3 = self.w3 - lr * dw3
        self.b2 = self.b2 - lr * db2
        self.w2 = self.w2 - lr * dw2
        self.b1 = self.b1 - lr * db1
        self.w1 = self.w1 - lr * dw1


if __name__ == "__main__":
    nn = NeuralNetwork([4, 3, 2, 1])
    print(nn.sigmoid(0), nn.sigmoid(2.0), nn.sigmoid(-1000))

    X = rng.standard_normal((4, 64))
    y = (X[0] + X[1] - X[2] > 0).astype(float)[np.newaxis, :]

    for step in range(1, 1201):
        a3 = nn.forward(X)
        nn.update(1.0, y, X)
        if step % 400 == 0:
            a3c = np.clip(a3, 1e-9, 1 - 1e-9)
            loss = -np.mean(y * np.log(a3c) + (1 - y) * np.log(1 - a3c))
            acc = np.mean((a3 >= 0.5) == y)
            print(f"{step}: loss={loss:.4f} acc={acc:.3f}")
