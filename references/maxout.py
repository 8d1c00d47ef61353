"""A maxout layer over consecutive groups (Goodfellow et al. 2013; exam Q1.9)."""

import numpy as np


def maxout(x: np.ndarray, units: int) -> np.ndarray:
    """Maxout over the last axis: unit k outputs the largest of its own consecutive group of inputs.

    Goodfellow et al. 2013, eq. 1: h_k = max_{j in [1, p]} z_{k,j}, where the n = units * p
    inputs split in order into ``units`` groups of p. ValueError if ``units`` does not divide n.
    Shape (..., n) -> (..., units).
    """
    x = np.asarray(x)
    length = x.shape[-1]
    if units < 1 or length % units:
        raise ValueError(f"{units} units cannot split {length} inputs into equal groups")
    pieces = length // units
    groups = x.reshape(*x.shape[:-1], units, pieces)  # (..., units, pieces)
    return groups.max(axis=-1)  # (..., units)
