import numpy as np


class Dense:
    """Keras 의 Dense(units, activation='sigmoid') 를 흉내 낸 층 하나."""

    def __init__(self, units, input_dim):
        limit = np.sqrt(6.0 / (units + input_dim))          # glorot_uniform
        self.W = np.random.uniform(-limit, limit, (units, input_dim))
        self.b = np.zeros((units, 1))
        self.z = None
        self.a = None


def _layer_attr(index, attr):
    def get(self):
        return getattr(self.layers[index], attr)

    def set(self, value):
        setattr(self.layers[index], attr, value)

    return property(get, set)


class NeuralNetwork:
    # 과제에서 요구하는 이름들 -> 각 Dense 층의 속성
    w1, b1, z1, a1 = (_layer_attr(0, k) for k in ("W", "b", "z", "a"))
    w2, b2, z2, a2 = (_layer_attr(1, k) for k in ("W", "b", "z", "a"))
    w3, b3, z3, a3 = (_layer_attr(2, k) for k in ("W", "b", "z", "a"))

    def __init__(self, cf):
        # model = Sequential([Dense(cf[1]), Dense(cf[2]), Dense(cf[3])])
        self.layers = [Dense(cf[i + 1], cf[i]) for i in range(len(cf) - 1)]

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        out = X
        for layer in self.layers:
            layer.z = layer.W @ out + layer.b
            layer.a = self.sigmoid(layer.z)
            out = layer.a
        return out

    def update(self, lr, y, X):
        m = X.shape[1]
        inputs = [X] + [layer.a for layer in self.layers[:-1]]

        grads = []
        delta = self.layers[-1].a - y
        for i in reversed(range(len(self.layers))):
            layer = self.layers[i]
            dW = delta @ inputs[i].T / m
            db = np.mean(delta, axis=1, keepdims=True)
            grads.append((layer, dW, db))
            if i > 0:
                prev_a = inputs[i]
                delta = (layer.W.T @ delta) * prev_a * (1 - prev_a)

        # optimizer.apply_gradients(...)
        for layer, dW, db in grads:
            layer.W = layer.W - lr * dW
            layer.b = layer.b - lr * db


if __name__ == "__main__":
    np.random.seed(5)
    X = np.random.randn(2, 300)
    y = (X[0] * X[1] > 0).astype(float)[None, :]      # XOR-like quadrants
    model = NeuralNetwork([2, 8, 6, 1])
    for epoch in range(5000):
        model.forward(X)
        model.update(3.0, y, X)
        if epoch % 500 == 0:
            print("epoch", epoch, "acc", np.mean((model.forward(X) > 0.5) == y))
