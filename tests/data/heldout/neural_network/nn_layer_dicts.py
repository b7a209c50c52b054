import numpy as np


def _prop(i, key):
    return property(lambda self: self.layers[i][key],
                    lambda self, v: self.layers[i].__setitem__(key, v))


class NeuralNetwork:
    """self.layers = [{'W':..., 'b':..., 'z':..., 'a':...}, ...]  (층마다 dict 하나)"""

    w1, b1, z1, a1 = _prop(0, "W"), _prop(0, "b"), _prop(0, "z"), _prop(0, "a")
    w2, b2, z2, a2 = _prop(1, "W"), _prop(1, "b"), _prop(1, "z"), _prop(1, "a")
    w3, b3, z3, a3 = _prop(2, "W"), _prop(2, "b"), _prop(2, "z"), _prop(2, "a")

    def __init__(self, cf):
        self.layers = []
        for n_in, n_out in zip(cf[:-1], cf[1:]):
            self.layers.append({
                "W": np.random.randn(n_out, n_in) * 0.5,
                "b": np.zeros((n_out, 1)),
                "z": None,
                "a": None,
            })

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        a = X
        for layer in self.layers:
            layer["z"] = layer["W"] @ a + layer["b"]
            layer["a"] = self.sigmoid(layer["z"])
            a = layer["a"]
        return a

    def update(self, lr, y, X):
        m = X.shape[1]
        out = self.layers[-1]["a"]
        # 출력층 delta: (예측 - 정답) * sigmoid'
        delta = (out - y) * out * (1 - out)
        for l in range(len(self.layers) - 1, -1, -1):
            layer = self.layers[l]
            a_prev = X if l == 0 else self.layers[l - 1]["a"]
            dW = delta @ a_prev.T / m
            db = np.sum(delta, axis=1, keepdims=True) / m
            layer["W"] -= lr * dW
            layer["b"] -= lr * db
            if l > 0:
                delta = (layer["W"].T @ delta) * a_prev * (1 - a_prev)


if __name__ == "__main__":
    np.random.seed(0)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    net = NeuralNetwork([2, 4, 3, 1])
    for i, layer in enumerate(net.layers):
        print("layer", i + 1, layer["W"].shape, layer["b"].shape)
    for epoch in range(20000):
        net.forward(X)
        net.update(3.0, y, X)
        if epoch % 5000 == 0:
            print(epoch, net.a3)
