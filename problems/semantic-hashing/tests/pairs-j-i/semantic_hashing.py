import numpy as np


def binarize(codes, threshold=0.5):
    return (np.asarray(codes) > threshold).astype(int)


def hamming(a, b):
    return int(np.sum(np.asarray(a) != np.asarray(b)))


def near_duplicates(bits, max_distance):
    # each pair as (j, i), the later image first
    return [(j, i) for j in range(len(bits)) for i in range(j)
            if hamming(bits[i], bits[j]) <= max_distance]
