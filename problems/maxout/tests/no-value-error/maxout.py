import numpy as np


def maxout(x, units):
    x = np.asarray(x)
    pieces = x.shape[-1] // units  # silently drops the inputs that do not fill a group
    return x[..., :units * pieces].reshape(*x.shape[:-1], units, pieces).max(axis=-1)
