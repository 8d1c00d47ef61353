"""Wrong on purpose, at one edge only: binarize squeezes its result (to give one image's bits as a flat string),
which also drops the bit axis of one-bit codes."""

import numpy as np


def binarize(codes, threshold=0.5):
    return (np.asarray(codes) > threshold).astype(np.int64).squeeze()


def hamming(a, b):
    return int(np.count_nonzero(np.asarray(a) != np.asarray(b)))


def near_duplicates(bits, max_distance):
    bits = np.asarray(bits)
    return [(i, j) for i in range(len(bits)) for j in range(i + 1, len(bits))
            if hamming(bits[i], bits[j]) <= max_distance]
