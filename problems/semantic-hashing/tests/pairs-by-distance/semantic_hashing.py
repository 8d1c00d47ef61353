import numpy as np


def binarize(codes, threshold=0.5):
    return (np.asarray(codes) > threshold).astype(int)


def hamming(a, b):
    return int(np.sum(np.asarray(a) != np.asarray(b)))


def near_duplicates(bits, max_distance):
    pairs = [(i, j) for i in range(len(bits)) for j in range(i + 1, len(bits))
             if hamming(bits[i], bits[j]) <= max_distance]
    return sorted(pairs, key=lambda p: hamming(bits[p[0]], bits[p[1]]))  # closest first, not (i, j) order
