import numpy as np

# 강의 코드 그대로: def sigmoid(self, z): return 1/(1 + np.exp(-z))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(0, z)


def relu_prime(z):
    return np.where(z > 0, 1.0, 0.0)


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    return np.where(z > 0, 1.0, alpha)


def gelu(z):
    return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z ** 3)))


def gelu_prime(z):
    u = np.sqrt(2 / np.pi) * (z + 0.044715 * z ** 3)
    du = np.sqrt(2 / np.pi) * (1 + 3 * 0.044715 * z ** 2)
    return 0.5 * (1 + np.tanh(u)) + 0.5 * z * (1 - np.tanh(u) ** 2) * du


def output_activation(task):
    if task == "binary_classification":
        return "sigmoid"
    elif task == "regression":
        return "linear"
    else:
        return "relu"


if __name__ == "__main__":
    z = np.linspace(-5, 5, 11)
    print(sigmoid(z))
    print(relu(z))
