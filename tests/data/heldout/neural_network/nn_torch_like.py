import numpy as np

PARAM_NAMES = ("w1", "b1", "w2", "b2", "w3", "b3")


def xavier(n_out, n_in):
    return np.random.randn(n_out, n_in) * np.sqrt(1.0 / n_in)


def bce_loss(y_hat, y, eps=1e-9):
    y_hat = np.clip(y_hat, eps, 1 - eps)
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))


class NeuralNetwork:
    """PyTorch 처럼 forward -> backward -> step 으로 나눈 버전.

    update(lr, y, X) = zero_grad() + backward(y, X) + step(lr)
    """

    def __init__(self, cf):
        self.cf = cf
        self.w1, self.b1 = xavier(cf[1], cf[0]), np.zeros((cf[1], 1))
        self.w2, self.b2 = xavier(cf[2], cf[1]), np.zeros((cf[2], 1))
        self.w3, self.b3 = xavier(cf[3], cf[2]), np.zeros((cf[3], 1))
        self.grads = {}
        self.training = True

    def __call__(self, X):
        return self.forward(X)

    def parameters(self):
        # always read the attributes again (no cached copies)
        return [(name, getattr(self, name)) for name in PARAM_NAMES]

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        h = X
        for i in (1, 2, 3):
            W = getattr(self, "w%d" % i)
            b = getattr(self, "b%d" % i)
            z = W @ h + b
            h = self.sigmoid(z)
            setattr(self, "z%d" % i, z)
            setattr(self, "a%d" % i, h)
        return self.a3

    def zero_grad(self):
        self.grads = {name: np.zeros_like(p) for name, p in self.parameters()}

    def backward(self, y, X):
        m = X.shape[1]
        acts = {0: X, 1: self.a1, 2: self.a2, 3: self.a3}
        delta = self.a3 - y                      # dL/dz3 for BCE + sigmoid
        for i in (3, 2, 1):
            self.grads["w%d" % i] += delta @ acts[i - 1].T / m
            self.grads["b%d" % i] += delta.sum(axis=1, keepdims=True) / m
            if i > 1:
                W = getattr(self, "w%d" % i)     # not stepped yet
                a = acts[i - 1]
                delta = (W.T @ delta) * a * (1 - a)

    def step(self, lr):
        for name, p in self.parameters():
            setattr(self, name, p - lr * self.grads[name])

    def update(self, lr, y, X):
        self.zero_grad()
        self.backward(y, X)
        self.step(lr)


if __name__ == "__main__":
    torch_like_seed = 0
    np.random.seed(torch_like_seed)
    X = np.array([[0., 0., 1., 1.], [0., 1., 0., 1.]])
    y = np.array([[0., 1., 1., 0.]])
    model = NeuralNetwork([2, 8, 4, 1])
    for epoch in range(10000):
        out = model(X)
        model.update(2.0, y, X)
        if epoch % 1000 == 0:
            print(f"epoch {epoch:5d}  loss {bce_loss(out, y):.4f}")
    print(model(X).round(3))
