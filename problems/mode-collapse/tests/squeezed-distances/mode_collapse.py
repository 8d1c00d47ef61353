"""A student's mode counts, right except that a squeeze drops the sample or centre axis when N or K is 1.

Measuring mode collapse on a ring of Gaussians (Metz et al. 2017; Srivastava et al. 2017, VEEGAN).

Each generated sample is assigned to its nearest mode centre; it is *high
quality* when it lies within ``radius`` of that centre (VEEGAN uses three
standard deviations of the mode). A mode is *covered* when at least
``min_count`` high-quality samples are assigned to it. A generator that has
collapsed covers few modes however good its samples look.
"""

import numpy as np


def ring_centers(modes: int = 8, radius: float = 2.0) -> np.ndarray:
    """Centres of ``modes`` Gaussians evenly spaced on a circle: centre k at angle 2πk/modes, (modes, 2)."""
    angles = 2 * np.pi * np.arange(modes) / modes
    return radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)


def nearest_centers(samples: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each sample's nearest centre (the first listed on a tie) and the distance to it: (N,), (N,)."""
    samples, centers = np.asarray(samples, np.float64), np.asarray(centers, np.float64)
    distances = np.linalg.norm(samples[:, None, :] - centers[None, :, :], axis=-1).squeeze()  # (N, K) ... or not
    nearest = distances.argmin(axis=1)  # argmin takes the first of equal values
    return nearest, distances[np.arange(len(samples)), nearest]


def count_modes(samples: np.ndarray, centers: np.ndarray, radius: float, min_count: int = 1) -> int:
    """The number of centres with at least ``min_count`` high-quality samples assigned to them.

    A sample is assigned to its nearest centre and is high quality when its
    distance to it is at most ``radius`` (inclusive).
    """
    nearest, distance = nearest_centers(samples, centers)
    counts = np.bincount(nearest[distance <= radius], minlength=len(centers))  # (K,)
    return int((counts >= min_count).sum())


def high_quality_fraction(samples: np.ndarray, centers: np.ndarray, radius: float) -> float:
    """The share of samples within ``radius`` (inclusive) of their nearest centre, in [0, 1]."""
    _, distance = nearest_centers(samples, centers)
    return float(np.mean(distance <= radius))
