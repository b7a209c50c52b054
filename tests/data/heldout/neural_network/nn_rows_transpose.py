import numpy as np

# Ported from a tutorial that keeps one sample per ROW (X: (m, n_features)) and
# weights as (n_in, n_out).  The assignment wants one sample per COLUMN and
# w as (n_out, n_in), so I transpose on the way in and on the way out and keep
# the tutorial's formulas in the middle.


class NeuralNetwork:
    def __init__(self, cf):
        self.sizes = cf
        self.w1 = np.random.uniform(-1, 1, size=(cf[1], cf[0]))
        self.w2 = np.random.uniform(-1, 1, size=(cf[2], cf[1]))
        self.w3 = np.random.uniform(-1, 1, size=(cf[3], cf[2]))
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        A0 = X.T                                   # (m, n0)
        Z1 = A0.dot(self.w1.T) + self.b1.T         # (m, n1)
        A1 = self.sigmoid(Z1)
        Z2 = A1.dot(self.w2.T) + self.b2.T         # (m, n2)
        A2 = self.sigmoid(Z2)
        Z3 = A2.dot(self.w3.T) + self.b3.T         # (m, n3)
        A3 = self.sigmoid(Z3)
        # back to one sample per column
        self.z1, self.a1 = Z1.T, A1.T
        self.z2, self.a2 = Z2.T, A2.T
        self.z3, self.a3 = Z3.T, A3.T
        return self.a3

    def update(self, lr, y, X):
        A0 = X.T
        A1, A2, A3 = self.a1.T, self.a2.T, self.a3.T
        Y = y.T
        m = A0.shape[0]                            # rows are samples here

        dZ3 = A3 - Y                               # (m, n3)
        dW3 = dZ3.T.dot(A2) / m                    # (n3, n2)
        db3 = np.sum(dZ3, axis=0, keepdims=True) / m   # (1, n3)

        dZ2 = dZ3.dot(self.w3) * A2 * (1 - A2)     # (m, n2)
        dW2 = dZ2.T.dot(A1) / m
        db2 = np.sum(dZ2, axis=0, keepdims=True) / m

        dZ1 = dZ2.dot(self.w2) * A1 * (1 - A1)     # (m, n1)
        dW1 = dZ1.T.dot(A0) / m
        db1 = np.sum(dZ1, axis=0, keepdims=True) / m

        self.w3 = self.w3 - lr * dW3
        self.w2 = self.w2 - lr * dW2
        self.w1 = self.w1 - lr * dW1
        self.b3 = self.b3 - lr * db3.T
        self.b2 = self.b2 - lr * db2.T
        self.b1 = self.b1 - lr * db1.T


if __name__ == "__main__":
    X_rows = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)   # tutorial layout
    y_rows = np.array([[0], [1], [1], [0]], dtype=float)
    X, y = X_rows.T, y_rows.T
    np.random.seed(42)
    net = NeuralNetwork([2, 4, 4, 1])
    for i in range(15000):
        out = net.forward(X)
        net.update(1.0, y, X)
        if i % 3000 == 0:
            print(i, np.mean((out - y) ** 2))
    print(net.forward(X))
