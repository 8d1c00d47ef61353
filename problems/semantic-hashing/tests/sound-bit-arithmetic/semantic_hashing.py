"""A sound design other than the reference's: XOR for the distance, every distance at once by matrix products."""

import numpy as np


def binarize(codes, threshold=0.5):
    return np.heaviside(np.asarray(codes, dtype=float) - threshold, 0).astype(np.int32)  # heaviside(0) = 0


def hamming(a, b):
    return int(np.bitwise_xor(np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)).sum())


def near_duplicates(bits, max_distance):
    b = np.asarray(bits, dtype=np.int64)
    distances = b @ (1 - b).T + (1 - b) @ b.T  # (N, N): ones of i against zeros of j, and the reverse
    i, j = np.nonzero(np.triu(distances <= max_distance, k=1))
    return sorted(zip(i.tolist(), j.tolist()))
