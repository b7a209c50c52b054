import numpy as np

# Translated from a Kaggle notebook written with one sample per row
# (X: (m, n_features), W: (n_in, n_out)).  I kept its L2 option.


class NeuralNetwork:
    def __init__(self, cf, lambd=0.7):
        self.lambd = lambd
        self.w1 = np.random.randn(cf[1], cf[0]) * np.sqrt(1.0 / cf[0])
        self.w2 = np.random.randn(cf[2], cf[1]) * np.sqrt(1.0 / cf[1])
        self.w3 = np.random.randn(cf[3], cf[2]) * np.sqrt(1.0 / cf[2])
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        A0 = X.T
        Z1 = A0 @ self.w1.T + self.b1.T
        A1 = self.sigmoid(Z1)
        Z2 = A1 @ self.w2.T + self.b2.T
        A2 = self.sigmoid(Z2)
        Z3 = A2 @ self.w3.T + self.b3.T
        A3 = self.sigmoid(Z3)
        self.z1, self.a1 = Z1.T, A1.T
        self.z2, self.a2 = Z2.T, A2.T
        self.z3, self.a3 = Z3.T, A3.T
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[0]
        A0, A1, A2, A3 = X.T, self.a1.T, self.a2.T, self.a3.T
        Y = y.T

        dZ3 = A3 - Y
        dW3 = dZ3.T @ A2 / m + (self.lambd / m) * self.w3
        db3 = dZ3.sum(axis=0, keepdims=True).T / m

        dZ2 = (dZ3 @ self.w3) * A2 * (1 - A2)
        dW2 = dZ2.T @ A1 / m + (self.lambd / m) * self.w2
        db2 = dZ2.sum(axis=0, keepdims=True).T / m

        dZ1 = (dZ2 @ self.w2) * A1 * (1 - A1)
        dW1 = dZ1.T @ A0 / m + (self.lambd / m) * self.w1
        db1 = dZ1.sum(axis=0, keepdims=True).T / m

        self.w1 = self.w1 - lr * dW1
        self.b1 = self.b1 - lr * db1
        self.w2 = self.w2 - lr * dW2
        self.b2 = self.b2 - lr * db2
        self.w3 = self.w3 - lr * dW3
        self.b3 = self.b3 - lr * db3


if __name__ == "__main__":
    np.random.seed(3)
    X_rows = np.random.randn(300, 2)
    y_rows = (X_rows[:, 0] > X_rows[:, 1]).astype(float).reshape(-1, 1)
    net = NeuralNetwork([2, 5, 3, 1])
    for epoch in range(3000):
        net.forward(X_rows.T)
        net.update(1.0, y_rows.T, X_rows.T)
    print("train acc:", np.mean((net.forward(X_rows.T) > 0.5) == y_rows.T))
