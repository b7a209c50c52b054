import numpy as np


class NeuralNetwork:
    def __init__(self, cf):
        # weights
        self.w1 = np.random.rand(cf[1], cf[0])
        self.w2 = np.random.rand(cf[2], cf[1])
        self.w3 = np.random.rand(cf[3], cf[2])
        # biases
        self.b1 = np.zeros([cf[1], 1])
        self.b2 = np.zeros([cf[2], 1])
        self.b3 = np.zeros([cf[3], 1])

    def sigmoid(self, z):
        return 1/(1+np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1@X+self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2@self.a1+self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3@self.a2+self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        delta3 = self.a3 - y
        delta2 = (self.w3.T@delta3)*self.a2*(1-self.a2)
        delta1 = (self.w2.T@delta2)*self.a1*(1-self.a1)
        self.w3 -= lr*delta3@self.a2.T
        self.w2 -= lr*delta2@self.a1.T
        self.w1 -= lr*delta1@X.T
        self.b3 -= lr*np.sum(delta3, axis=1, keepdims=True)
        self.b2 -= lr*np.sum(delta2, axis=1, keepdims=True)
        self.b1 -= lr*np.sum(delta1, axis=1, keepdims=True)


if __name__ == "__main__":
    net = NeuralNetwork([4, 3, 2, 1])
    X = np.random.rand(4, 10)
    y = (X.sum(axis=0, keepdims=True) > 2).astype(float)
    for epoch in range(1000):
        net.forward(X)
        net.update(0.5, y, X)
    print(net.forward(X))
