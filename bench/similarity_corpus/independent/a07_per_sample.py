import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        self.w1 = np.random.uniform(-1, 1, (cf[1], cf[0]))
        self.w2 = np.random.uniform(-1, 1, (cf[2], cf[1]))
        self.w3 = np.random.uniform(-1, 1, (cf[3], cf[2]))
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        z = np.clip(z, -500, 500)
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        # accumulate the gradient sample by sample, then average
        m = X.shape[1]
        gw1 = np.zeros_like(self.w1); gb1 = np.zeros_like(self.b1)
        gw2 = np.zeros_like(self.w2); gb2 = np.zeros_like(self.b2)
        gw3 = np.zeros_like(self.w3); gb3 = np.zeros_like(self.b3)

        for i in range(m):
            x = X[:, i:i + 1]
            a1 = self.a1[:, i:i + 1]
            a2 = self.a2[:, i:i + 1]
            a3 = self.a3[:, i:i + 1]
            t = y[:, i:i + 1]

            e3 = a3 - t
            e2 = (self.w3.T @ e3) * a2 * (1 - a2)
            e1 = (self.w2.T @ e2) * a1 * (1 - a1)

            gw3 += e3 @ a2.T
            gb3 += e3
            gw2 += e2 @ a1.T
            gb2 += e2
            gw1 += e1 @ x.T
            gb1 += e1

        self.w1 -= lr * gw1 / m
        self.b1 -= lr * gb1 / m
        self.w2 -= lr * gw2 / m
        self.b2 -= lr * gb2 / m
        self.w3 -= lr * gw3 / m
        self.b3 -= lr * gb3 / m


if __name__ == "__main__":
    np.random.seed(5)
    X = np.array([[0., 0., 1., 1.],
                  [0., 1., 0., 1.]])
    y = np.array([[0., 1., 1., 0.]])
    net = NeuralNetwork([2, 5, 3, 1])
    print(net.forward(X).shape)
    for ep in range(3000):
        p = net.forward(X)
        net.update(3.0, y, X)
        if ep % 1000 == 0:
            print(ep, -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    print(net.forward(X).round(2))
