import numpy as np


def image_entropy(image):
    _, counts = np.unique(image, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum())  # nats, not bits
