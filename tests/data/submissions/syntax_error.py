import numpy as np

class NeuralNetwork:
    def __init__(self, cf)
        self.w1 = np.random.randn(cf[1], cf[0])
