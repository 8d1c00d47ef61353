"""A sound submission with scipy's cdist and numpy's bincount, returning Python numbers: it must score full marks."""

import numpy as np
from scipy.spatial.distance import cdist


def ring_centers(modes: int = 8, radius: float = 2.0) -> np.ndarray:
    theta = np.linspace(0.0, 2 * np.pi, modes, endpoint=False)
    return radius * np.column_stack((np.cos(theta), np.sin(theta)))


def count_modes(samples, centers, radius, min_count=1):
    d = cdist(np.atleast_2d(samples), np.atleast_2d(centers))  # (N, K)
    nearest = d.argmin(axis=1)
    close = d[np.arange(len(d)), nearest] <= radius
    per_mode = np.bincount(nearest[close], minlength=len(centers))
    return int(np.count_nonzero(per_mode >= min_count))


def high_quality_fraction(samples, centers, radius):
    d = cdist(np.atleast_2d(samples), np.atleast_2d(centers))
    return float(np.mean(d.min(axis=1) <= radius))
