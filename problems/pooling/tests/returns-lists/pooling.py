"""The right values as nested Python lists, not numpy arrays: type before value."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _windows(x, size, stride):
    stride = size if stride is None else stride
    return sliding_window_view(np.asarray(x), (size, size))[::stride, ::stride]


def max_pool2d(x, size=2, stride=None):
    return _windows(x, size, stride).max(axis=(-2, -1)).tolist()


def avg_pool2d(x, size=2, stride=None):
    return _windows(x, size, stride).mean(axis=(-2, -1)).tolist()


def upsample_nearest(x, scale=2):
    return np.asarray(x).repeat(scale, axis=0).repeat(scale, axis=1).tolist()
