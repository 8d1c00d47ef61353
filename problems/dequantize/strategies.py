"""Inputs for the checks: integer images, large image batches, seeds, and a KS statistic."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

SEEDS = st.integers(0, 2**31 - 1)
IMAGE_BATCH_SHAPE = (32, 3, 32, 32)  # 98,304 values: the noise's mean and law are measured on it


@st.composite
def small_images(draw):
    """8-bit images (uint8, values 0..255) of 1 to 4 dimensions, each of 2 to 6 (0-d, empty and
    one-element tensors are edges with a check of their own)."""
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=4, min_side=2, max_side=6))
    return draw(hnp.arrays(np.uint8, shape, elements=st.integers(0, 255)))


def image_batch(seed: int) -> np.ndarray:
    """A fixed batch of 8-bit colour images, every level 0..255 present."""
    return np.random.default_rng(seed).integers(0, 256, IMAGE_BATCH_SHAPE, dtype=np.uint8)


def ks_statistic_against_uniform(u: np.ndarray) -> float:
    """Kolmogorov-Smirnov distance sup |F_n(t) - t| between the sample ``u`` and U[0, 1)."""
    sorted_u = np.sort(np.asarray(u, dtype=np.float64).ravel())
    n = sorted_u.size
    above = np.arange(1, n + 1) / n - sorted_u  # the empirical CDF just after each point
    below = sorted_u - np.arange(0, n) / n  # ... and just before it
    return float(max(above.max(), below.max()))
