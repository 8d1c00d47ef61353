"""Hostile: a busy loop at import. Without a time limit on importing, the grader would hang."""

import numpy as np

while True:
    pass


def image_entropy(image):
    _, counts = np.unique(np.asarray(image), return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum())
