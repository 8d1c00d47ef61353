"""Trivial: the right shapes, filled with the whole grid's max or mean."""

import numpy as np
def _shape(x, size, stride):
    x = np.asarray(x); stride = stride or size
    return ((x.shape[0] - size) // stride + 1, (x.shape[1] - size) // stride + 1)
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    return np.full(_shape(x, size, stride), x.max())
def avg_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    return np.full(_shape(x, size, stride), x.mean())
def upsample_nearest(x, scale=2):
    x = np.asarray(x, dtype=float)
    return np.full((x.shape[0] * scale, x.shape[1] * scale), x.mean())
