import numpy as np


def binarize(codes, threshold=0.5):
    return (np.asarray(codes) > threshold).astype(int)


def hamming(a, b):
    return float(np.mean(np.asarray(a) != np.asarray(b)))  # the fraction of differing bits, not the count


def near_duplicates(bits, max_distance):
    bits = np.asarray(bits)
    return [(i, j) for i in range(len(bits)) for j in range(i + 1, len(bits))
            if np.sum(bits[i] != bits[j]) <= max_distance]
