"""Attack: open connections: TCP to the test's listener on 127.0.0.1 (and ::1), UDP to its socket, a unix
socket by path and an abstract one, a public address, and a listening socket of its own.
"""
import numpy as np
import socket


def attempt(label, fn):
    try:
        fn()
        print("CONNECTED", label)
    except OSError as exc:
        print("BLOCKED", label, type(exc).__name__, exc.errno)


def tcp(host, port):
    with socket.create_connection((host, port), timeout=1) as s:
        s.sendall(b"steal")


def udp(host, port):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"steal", (host, port))


def unix(address):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(1)
        s.connect(address)
        s.sendall(b"steal")


def listen():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()


attempt("tcp 127.0.0.1", lambda: tcp("127.0.0.1", __PORT__))
attempt("tcp ::1", lambda: tcp("::1", __PORT__))
attempt("udp 127.0.0.1", lambda: udp("127.0.0.1", __UDP_PORT__))
attempt("unix path", lambda: unix("__UNIX_PATH__"))
attempt("unix abstract", lambda: unix("\0__ABSTRACT__"))
attempt("tcp 1.1.1.1", lambda: tcp("1.1.1.1", 53))
attempt("listen", listen)


class NeuralNetwork:
    def __init__(self, cf):
        self.cf = list(cf)
        self.w1 = np.random.randn(cf[1], cf[0]) / np.sqrt(cf[0])
        self.b1 = np.zeros((cf[1], 1))
        self.w2 = np.random.randn(cf[2], cf[1]) / np.sqrt(cf[1])
        self.b2 = np.zeros((cf[2], 1))
        self.w3 = np.random.randn(cf[3], cf[2]) / np.sqrt(cf[2])
        self.b3 = np.zeros((cf[3], 1))

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.z1 = self.w1 @ X + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.w2 @ self.a1 + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = self.w3 @ self.a2 + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    def update(self, lr, y, X):
        m = X.shape[1]
        d3 = self.a3 - y
        d2 = (self.w3.T @ d3) * self.a2 * (1 - self.a2)
        d1 = (self.w2.T @ d2) * self.a1 * (1 - self.a1)
        self.w3 -= lr * d3 @ self.a2.T / m
        self.b3 -= lr * d3.sum(axis=1, keepdims=True) / m
        self.w2 -= lr * d2 @ self.a1.T / m
        self.b2 -= lr * d2.sum(axis=1, keepdims=True) / m
        self.w1 -= lr * d1 @ X.T / m
        self.b1 -= lr * d1.sum(axis=1, keepdims=True) / m
