"""Wrong on purpose: the worked example's bits, distance and pairs written down."""

import numpy as np


def binarize(codes, threshold=0.5):
    return np.array([[1, 0, 1, 0, 0, 1], [1, 0, 1, 0, 1, 1], [0, 1, 0, 1, 0, 0], [0, 1, 0, 1, 0, 1]])


def hamming(a, b):
    return 1


def near_duplicates(bits, max_distance):
    return [(0, 1), (2, 3)]
