import numpy as np


def image_entropy(image):
    counts, _ = np.histogram(image, bins=8)  # re-bins an 8-bit image into 8 levels
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log2(p)).sum())
