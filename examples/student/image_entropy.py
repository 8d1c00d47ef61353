"""A student's answer: correct."""

import numpy as np


def image_entropy(image):
    values, counts = np.unique(image, return_counts=True)
    probabilities = counts / image.size
    return float(-np.sum(probabilities * np.log2(probabilities)))
