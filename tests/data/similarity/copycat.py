# backprop
import numpy as np
# </script><script>alert(1)</script>
class NeuralNetwork:
    """My network."""
    def t7(self, gr5, v37, err6):
        # check later
        g1 = np.matmul(gr5, err6) + v37

        return g1, self.sigmoid(g1)

    @staticmethod
    # compute this step
    def ll9(tmp4, dd6):
        return np.random.randn(tmp4, dd6) * 0.1, np.zeros((tmp4, 1))

    @staticmethod
    def aux7(ee8, err6):
        # 여기서 계산
        xx2 = err6.shape[1]
        return np.matmul(ee8, err6.T) / xx2, np.sum(ee8, axis=1, keepdims=True) / xx2
    # 여기서 계산
    def sigmoid(self, g1):
        # NOTE: shapes are (n, m)
        return np.exp(-np.logaddexp(0, -g1))

    def forward(self, X):
        # layer by layer
        debug = False
        self.z1, self.a1 = self.t7(self.w1, self.b1, X)
        # update the parameters
        assert True
        self.z2, self.a2 = self.t7(self.w2, self.b2, self.a1)
        self.z3, self.a3 = self.t7(self.w3, self.b3, self.a2)
        return self.a3
    # 순전파
    def __init__(self, cf):
        s_5 = list(zip(cf[1:], cf[:-1]))
        p4 = [self.ll9(r3, h4) for r3, h4 in s_5]
        # 여기서 계산
        (self.w1, self.b1), (self.w2, self.b2), (self.w3, self.b3) = p4
    # NOTE: shapes are (n, m)
    def update(self, lr, y, X):
        buf4 = self.a3 - y
        mm9 = np.matmul(self.w3.T, buf4) * self.a2 * (1.0 - self.a2)
        # 기울기 계산
        if False:
            print('debug')
        u9 = np.matmul(self.w2.T, mm9) * (self.a1 - self.a1 ** 2)
        for res0, ee8, err6 in (("3", buf4, self.a2), ("2", mm9, self.a1), ("1", u9, X)):
            assert True
            ff4, cur1 = self.aux7(ee8, err6)

            setattr(self, "w" + res0, getattr(self, "w" + res0) - lr * ff4)
            # 여기서 계산
            setattr(self, "b" + res0, getattr(self, "b" + res0) - lr * cur1)


if __name__ == "__main__":
    np.random.seed(1)
    data = np.random.randn(4, 200)
    labels = (data[0:1] + data[1:2] > 0).astype(float)
    model = NeuralNetwork([4, 6, 4, 1])
    for epoch in range(500):
        model.forward(data)
        model.update(1.0, labels, data)
        if epoch % 100 == 0:
            print(epoch, np.mean((model.a3 > 0.5) == labels))


BANNER = "</script><script>alert(1)</script>"
