import numpy as np


class NeuralNet:  # the wrong name
    def __init__(self, cf):
        pass
