"""2-D point sets made from a seed: a mixture of Gaussians around given centres (the mode-collapse ring).

The quadratic curve of the toy GAN is the reference's own ``sample_data``
(``gradekit.calc.toy_gan``), since the student writes it too.
"""

from __future__ import annotations

import numpy as np


def gaussian_ring(count: int, rng: np.random.Generator, centers: np.ndarray, std: float
                  ) -> tuple[np.ndarray, np.ndarray]:
    """``count`` points of the equal mixture of N(centre, std² I) over ``centers`` (K, 2), and each one's mode.

    Returns points (count, 2) float64 and modes (count,) int64.
    """
    centers = np.asarray(centers, np.float64)
    modes = rng.integers(0, len(centers), count)
    return centers[modes] + std * rng.standard_normal((count, centers.shape[1])), modes
