import numpy as np


def sigmoid_backward(dA, Z):
    """dL/dZ for a sigmoid unit, given dL/dA and the cached Z (as in the course notebooks)."""
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    return dZ


def linear_backward(dZ, A_prev, W):
    m = A_prev.shape[1]
    dW = 1. / m * np.dot(dZ, A_prev.T)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


class NeuralNetwork:
    def __init__(self, cf):
        layer_dims = cf
        self.w1 = np.random.randn(layer_dims[1], layer_dims[0]) / np.sqrt(layer_dims[0])
        self.b1 = np.zeros((layer_dims[1], 1))
        self.w2 = np.random.randn(layer_dims[2], layer_dims[1]) / np.sqrt(layer_dims[1])
        self.b2 = np.zeros((layer_dims[2], 1))
        self.w3 = np.random.randn(layer_dims[3], layer_dims[2]) / np.sqrt(layer_dims[2])
        self.b3 = np.zeros((layer_dims[3], 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def compute_cost(self, AL, Y):
        m = Y.shape[1]
        cost = (1. / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
        return np.squeeze(cost)

    def update(self, lr, y, X):
        AL = self.a3
        # Initializing the backpropagation
        dAL = - (np.divide(y, AL) - np.divide(1 - y, 1 - AL))

        dZ3 = sigmoid_backward(dAL, self.z3)
        dA2, dW3, db3 = linear_backward(dZ3, self.a2, self.w3)
        dZ2 = sigmoid_backward(dA2, self.z2)
        dA1, dW2, db2 = linear_backward(dZ2, self.a1, self.w2)
        dZ1 = sigmoid_backward(dA1, self.z1)
        dA0, dW1, db1 = linear_backward(dZ1, X, self.w1)

        # update_parameters
        self.w1 = self.w1 - lr * dW1
        self.b1 = self.b1 - lr * db1
        self.w2 = self.w2 - lr * dW2
        self.b2 = self.b2 - lr * db2
        self.w3 = self.w3 - lr * dW3
        self.b3 = self.b3 - lr * db3


if __name__ == "__main__":
    np.random.seed(1)
    train_X = np.random.randn(2, 400)
    train_Y = ((train_X[0] ** 2 + train_X[1] ** 2) < 1.2).astype(int).reshape(1, 400)
    model = NeuralNetwork([2, 10, 5, 1])
    costs = []
    for i in range(5000):
        AL = model.forward(train_X)
        cost = model.compute_cost(AL, train_Y)
        model.update(1.2, train_Y, train_X)
        if i % 500 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
            costs.append(cost)
    print("Accuracy: " + str(np.mean((model.forward(train_X) > 0.5) == train_Y)))
