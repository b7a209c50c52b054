"""Every function hands its input back."""
import numpy as np


def sigmoid(z):
    return z


def sigmoid_prime(z):
    return z


def tanh(z):
    return z


def tanh_prime(z):
    return z


def relu(z):
    return z


def relu_prime(z):
    return z


def leaky_relu(z, alpha=0.01):
    return z


def leaky_relu_prime(z, alpha=0.01):
    return z


def gelu(z):
    return z


def gelu_prime(z):
    return z


def output_activation(task):
    return task
