"""Hostile: a long sleep at import (no CPU used, so only the wall clock can stop it)."""

import time

import numpy as np

time.sleep(10**6)


def image_entropy(image):
    _, counts = np.unique(np.asarray(image), return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum())
