# correct variant, slow on purpose: update checks its own gradient by finite differences at every step,
# sample by sample in Python (a debugging loop left in). The step itself is the analytic one, so every
# check passes; a training chunk of 50 epochs on 100 samples needs about half of its 5 s CPU-time limit
# (what the grader's CPU-time rule must keep passing on a busy machine: tests/pipeline/test_determinism.py).
import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = list(cf)
        self.w1 = np.random.randn(cf[1], cf[0]) / np.sqrt(cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) / np.sqrt(cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) / np.sqrt(cf[2])
        self.b3 = np.zeros((cf[3], 1))
        self.grad_check_error = 0.0  # 마지막 update에서 해석적 기울기와 수치 미분 기울기의 최대 차이

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def _loss(self, params, y, X):
        # 평균 교차 엔트로피: 샘플 하나씩 순전파 (self의 값은 바꾸지 않음)
        w1, b1, w2, b2, w3, b3 = params
        total = 0.0
        for i in range(X.shape[1]):
            x = X[:, [i]]
            a1 = self.sigmoid(w1 @ x + b1)
            a2 = self.sigmoid(w2 @ a1 + b2)
            a3 = self.sigmoid(w3 @ a2 + b3)
            t = y[:, [i]]
            total += float(-np.sum(t * np.log(a3) + (1 - t) * np.log(1 - a3)))
        return total / X.shape[1]

    def _numeric_gradient(self, y, X, h=1e-6):
        params = [p.copy() for p in (self.w1, self.b1, self.w2, self.b2, self.w3, self.b3)]
        base = self._loss(params, y, X)
        grads = []
        for p in params:
            g = np.zeros_like(p)
            for idx in np.ndindex(p.shape):  # 가중치 하나씩 h만큼 바꿔 보며 손실의 변화를 잼
                old = p[idx]
                p[idx] = old + h
                g[idx] = (self._loss(params, y, X) - base) / h
                p[idx] = old
            grads.append(g)
        return grads

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)
        dw3 = d3 @ self.a2.T / m
        db3 = np.sum(d3, axis=1, keepdims=True) / m
        dw2 = d2 @ self.a1.T / m
        db2 = np.sum(d2, axis=1, keepdims=True) / m
        dw1 = d1 @ X.T / m
        db1 = np.sum(d1, axis=1, keepdims=True) / m

        # 디버깅용 기울기 검사: 매번 수치 미분으로 확인 (느리지만 기울기가 맞는지 안심할 수 있음)
        numeric = self._numeric_gradient(y, X)
        analytic = (dw1, db1, dw2, db2, dw3, db3)
        self.grad_check_error = max(float(np.max(np.abs(a - n))) for a, n in zip(analytic, numeric))

        self.w1 -= lr * dw1
        self.b1 -= lr * db1
        self.w2 -= lr * dw2
        self.b2 -= lr * db2
        self.w3 -= lr * dw3
        self.b3 -= lr * db3


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(4, 20)
    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, -1)
    net = NeuralNetwork([4, 3, 2, 1])
    for _ in range(20):
        net.forward(X)
        net.update(1.0, y, X)
    print("gradient check error:", net.grad_check_error)
