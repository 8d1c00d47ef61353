import numpy as np


def _windows(x, size, stride):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    rows = -(-(x.shape[0] - size) // stride) + 1  # ceil: a window that runs off the edge is kept
    columns = -(-(x.shape[1] - size) // stride) + 1
    padded = np.full((size + (rows - 1) * stride, size + (columns - 1) * stride), np.nan)
    padded[:x.shape[0], :x.shape[1]] = x
    return np.array([[padded[i * stride:i * stride + size, j * stride:j * stride + size]
                      for j in range(columns)] for i in range(rows)])


def max_pool2d(x, size=2, stride=None):
    return np.nanmax(_windows(x, size, stride), axis=(2, 3))  # a partial window pools what it holds


def avg_pool2d(x, size=2, stride=None):
    return np.nanmean(_windows(x, size, stride), axis=(2, 3))


def upsample_nearest(x, scale=2):
    return np.repeat(np.repeat(np.asarray(x), scale, axis=0), scale, axis=1)
