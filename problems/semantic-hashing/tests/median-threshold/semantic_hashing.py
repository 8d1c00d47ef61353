import numpy as np


def binarize(codes, threshold=None):
    codes = np.asarray(codes)
    if threshold is None:
        threshold = np.median(codes, axis=0)  # per-dimension median by default, not 0.5
    return (codes > threshold).astype(int)


def hamming(a, b):
    return int(np.sum(np.asarray(a) != np.asarray(b)))


def near_duplicates(bits, max_distance):
    return [(i, j) for i in range(len(bits)) for j in range(i + 1, len(bits))
            if hamming(bits[i], bits[j]) <= max_distance]
