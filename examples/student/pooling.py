"""A student's answer: right for stride = size, but ignores a stride that differs."""

import numpy as np


def _pool(x, size, reduce):
    rows, cols = x.shape[0] // size, x.shape[1] // size
    out = np.empty((rows, cols))
    for i in range(rows):
        for j in range(cols):
            out[i, j] = reduce(x[i * size:(i + 1) * size, j * size:(j + 1) * size])
    return out


def max_pool2d(x, size=2, stride=None):
    return _pool(np.asarray(x), size, np.max)


def avg_pool2d(x, size=2, stride=None):
    return _pool(np.asarray(x), size, np.mean)


def upsample_nearest(x, scale=2):
    return np.repeat(np.repeat(np.asarray(x), scale, axis=0), scale, axis=1)
