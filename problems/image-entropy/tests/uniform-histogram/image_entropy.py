import numpy as np


def image_entropy(image):
    return float(np.log2(len(np.unique(image))))  # log2 of the number of values: as if all were equally frequent
