"""Shannon entropy of an image's pixel histogram (exam Q2a)."""

import numpy as np


def image_entropy(image: np.ndarray) -> float:
    """Entropy in bits of the histogram of the pixel values of ``image``.

    H = -sum_i p_i log2 p_i over the values that occur (0 log 0 = 0), each
    distinct value its own bin; 0 <= H <= bit depth.
    """
    _, counts = np.unique(np.asarray(image).ravel(), return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum()) + 0.0  # + 0.0 turns -0.0 into 0.0
