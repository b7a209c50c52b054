import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # He initialisation (I know it is meant for ReLU, but any random init is allowed)
        self.w1 = np.random.randn(cf[1], cf[0]) * np.sqrt(2 / cf[0])
        self.w2 = np.random.randn(cf[2], cf[1]) * np.sqrt(2 / cf[1])
        self.w3 = np.random.randn(cf[3], cf[2]) * np.sqrt(2 / cf[2])
        self.b1 = np.zeros((cf[1], 1), dtype=np.float64)
        self.b2 = np.zeros((cf[2], 1), dtype=np.float64)
        self.b3 = np.zeros((cf[3], 1), dtype=np.float64)

    def sigmoid(self, z):
        # numerically stable: never calls exp on a large positive number
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    def _sigmoid_grad(self, z):
        s = self.sigmoid(z)
        return s * (1 - s)

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        n_samples = X.shape[-1]

        dz3 = self.a3 - y
        dz2 = (self.w3.T @ dz3) * self._sigmoid_grad(self.z2)
        dz1 = (self.w2.T @ dz2) * self._sigmoid_grad(self.z1)

        grads = {
            "w3": dz3 @ self.a2.T / n_samples,
            "b3": dz3.mean(axis=1, keepdims=True),
            "w2": dz2 @ self.a1.T / n_samples,
            "b2": dz2.mean(axis=1, keepdims=True),
            "w1": dz1 @ X.T / n_samples,
            "b1": dz1.mean(axis=1, keepdims=True),
        }
        for name, g in grads.items():
            setattr(self, name, getattr(self, name) - lr * g)


if __name__ == "__main__":
    net = NeuralNetwork([4, 3, 2, 1])
    print(net.sigmoid(0), net.sigmoid(-1000), net.sigmoid(np.zeros((2, 3, 4))).shape)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 50))
    y = (X[0] + X[1] - X[2] > 0).astype(float).reshape(1, 50)
    for _ in range(4000):
        net.forward(X)
        net.update(2.0, y, X)
    print("acc", ((net.forward(X) >= 0.5) == y).mean())
