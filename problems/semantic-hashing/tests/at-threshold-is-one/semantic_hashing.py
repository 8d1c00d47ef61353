import numpy as np


def binarize(codes, threshold=0.5):
    return (np.asarray(codes) >= threshold).astype(int)  # >=: a code on the threshold becomes 1


def hamming(a, b):
    return int(np.sum(np.asarray(a) != np.asarray(b)))


def near_duplicates(bits, max_distance):
    return [(i, j) for i in range(len(bits)) for j in range(i + 1, len(bits))
            if hamming(bits[i], bits[j]) <= max_distance]
