import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def deriv_sigmoid(out):
    # derivative of sigmoid, given its output
    return out * (1 - out)


def mse_loss(y_true, y_pred):
    return ((y_true - y_pred) ** 2).mean()


class NeuralNetwork:
    """
    A neural network with:
      - cf[0] inputs
      - two hidden layers with cf[1] and cf[2] neurons
      - an output layer with cf[3] neurons
    Every neuron uses the sigmoid.
    """

    def __init__(self, cf):
        self.w1 = np.random.normal(size=(cf[1], cf[0]))
        self.w2 = np.random.normal(size=(cf[2], cf[1]))
        self.w3 = np.random.normal(size=(cf[3], cf[2]))
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return sigmoid(z)

    def forward(self, X):
        self.z1 = np.dot(self.w1, X) + self.b1
        self.a1 = sigmoid(self.z1)
        self.z2 = np.dot(self.w2, self.a1) + self.b2
        self.a2 = sigmoid(self.z2)
        self.z3 = np.dot(self.w3, self.a2) + self.b3
        self.a3 = sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        # --- Calculate partial derivatives.
        # --- Naming: d_L_d_w1 represents "partial L / partial w1"
        d_L_d_ypred = self.a3 - y
        delta3 = d_L_d_ypred * deriv_sigmoid(self.a3)
        delta2 = np.dot(self.w3.T, delta3) * deriv_sigmoid(self.a2)
        delta1 = np.dot(self.w2.T, delta2) * deriv_sigmoid(self.a1)

        d_L_d_w3 = np.dot(delta3, self.a2.T)
        d_L_d_b3 = np.sum(delta3, axis=1, keepdims=True)
        d_L_d_w2 = np.dot(delta2, self.a1.T)
        d_L_d_b2 = np.sum(delta2, axis=1, keepdims=True)
        d_L_d_w1 = np.dot(delta1, X.T)
        d_L_d_b1 = np.sum(delta1, axis=1, keepdims=True)

        # --- Update weights and biases
        self.w3 -= lr * d_L_d_w3
        self.b3 -= lr * d_L_d_b3
        self.w2 -= lr * d_L_d_w2
        self.b2 -= lr * d_L_d_b2
        self.w1 -= lr * d_L_d_w1
        self.b1 -= lr * d_L_d_b1


if __name__ == "__main__":
    # Define dataset
    data = np.array([
        [-2, -1],   # Alice
        [25, 6],    # Bob
        [17, 4],    # Charlie
        [-15, -6],  # Diana
    ]).T
    all_y_trues = np.array([[1, 0, 0, 1]])

    network = NeuralNetwork([2, 3, 2, 1])
    for epoch in range(1000):
        network.forward(data)
        network.update(0.1, all_y_trues, data)
        if epoch % 100 == 0:
            print("Epoch %d loss: %.3f" % (epoch, mse_loss(all_y_trues, network.forward(data))))
