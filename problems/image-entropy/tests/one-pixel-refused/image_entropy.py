"""Right on every image of two pixels or more; refuses a one-pixel image, whose entropy is simply 0."""

import numpy as np


def image_entropy(image):
    image = np.asarray(image)
    if image.size < 2:
        raise ValueError("entropy needs at least two pixels")  # it does not: one value, probability 1, H = 0
    _, counts = np.unique(image, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum())
