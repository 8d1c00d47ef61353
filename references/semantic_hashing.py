"""Semantic hashing for image de-duplication (exam Q8): binary codes and Hamming distance.

An autoencoder's latent codes are thresholded into bits; similar images get
similar bit strings, so near-duplicates are pairs at a small Hamming distance
(Salakhutdinov & Hinton 2009, "Semantic hashing").
"""

import numpy as np


def binarize(codes: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """1 where a code is strictly above ``threshold``, else 0, as an int64 array of the codes' shape."""
    return (np.asarray(codes) > threshold).astype(np.int64)


def hamming(a: np.ndarray, b: np.ndarray) -> int:
    """The number of positions where the bit strings ``a`` and ``b`` differ."""
    return int(np.count_nonzero(np.asarray(a) != np.asarray(b)))


def near_duplicates(bits: np.ndarray, max_distance: int) -> list[tuple[int, int]]:
    """Every pair (i, j), i < j, of rows of ``bits`` at Hamming distance <= ``max_distance``, sorted."""
    bits = np.asarray(bits)
    distances = (bits[:, None, :] != bits[None, :, :]).sum(axis=-1)  # (N, N)
    close = np.triu(distances <= max_distance, k=1)  # each unordered pair once, as i < j
    rows, columns = np.nonzero(close)  # row-major order: sorted by i, then j
    return [(int(i), int(j)) for i, j in zip(rows, columns)]
