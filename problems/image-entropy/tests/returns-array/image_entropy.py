import numpy as np


def image_entropy(image):
    _, counts = np.unique(image, return_counts=True)
    p = counts / counts.sum()
    return -(p * np.log2(p)).sum(keepdims=True)  # shape (1,), not a float
