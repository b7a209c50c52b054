# correct variant: loops over the layers with getattr/setattr on w{l}, b{l}, z{l}, a{l}; cf as tuple fine
import numpy as np

N_LAYERS = 3


class NeuralNetwork:
    def __init__(self, cf):
        for l in range(1, N_LAYERS + 1):
            setattr(self, f"w{l}", np.random.randn(cf[l], cf[l - 1]) * 0.8)
            setattr(self, f"b{l}", np.zeros((cf[l], 1)))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.a0 = X
        a = X
        for l in range(1, N_LAYERS + 1):
            z = np.dot(getattr(self, f"w{l}"), a) + getattr(self, f"b{l}")
            a = self.sigmoid(z)
            setattr(self, f"z{l}", z)
            setattr(self, f"a{l}", a)
        return a

    def update(self, lr, y, X):
        m = X.shape[1]
        acts = {0: X, 1: self.a1, 2: self.a2, 3: self.a3}
        delta = acts[3] - y
        grads = {}
        for l in range(N_LAYERS, 0, -1):
            grads[l] = (np.dot(delta, acts[l - 1].T) / m, np.sum(delta, axis=1, keepdims=True) / m)
            if l > 1:
                # 이전 층 delta 는 아직 업데이트 전의 w{l} 로 계산
                delta = np.dot(getattr(self, f"w{l}").T, delta) * acts[l - 1] * (1 - acts[l - 1])
        for l, (dw, db) in grads.items():
            setattr(self, f"w{l}", getattr(self, f"w{l}") - lr * dw)
            setattr(self, f"b{l}", getattr(self, f"b{l}") - lr * db)
