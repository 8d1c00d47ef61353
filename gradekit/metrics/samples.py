"""Metrics of generated samples besides FID: numpy in, numbers out (the grader's checks and ``gradekit train``).

- toy GAN: how far generated points lie from the real curve, and how much of
  its x-range they cover (a collapsed generator covers little of it);
- conditional GANs: how often a classifier names the asked-for label.

The Fréchet distance of image features is ``gradekit.metrics.image_fid``'s.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from scipy.spatial import cKDTree

from gradekit.calc.toy_gan import X_RANGE, quadratic

CURVE_POINTS = 4001  # points on the curve segment: neighbours lie ~1e-3 apart, so distances are within ~6e-4
COVERAGE_BINS = 20  # equal bins of the x-range
COVERAGE_MIN_SHARE = 0.25  # a bin is covered when it holds a quarter of the points a uniform x would put there


def curve_distances(points: np.ndarray, x_range: tuple[float, float] = X_RANGE) -> np.ndarray:
    """Euclidean distance of each point (N, 2) to the curve y = quadratic(x) over ``x_range``: (N,)."""
    x = np.linspace(*x_range, CURVE_POINTS)
    curve = np.stack([x, quadratic(x)], axis=1)  # (CURVE_POINTS, 2)
    distances: np.ndarray = cKDTree(curve).query(np.asarray(points, np.float64))[0]
    return distances


def mean_curve_distance(points: np.ndarray) -> float:
    """Mean distance of generated points to the real data's curve: 0 when every point lies on it."""
    return float(curve_distances(points).mean())


def x_coverage(points: np.ndarray, x_range: tuple[float, float] = X_RANGE, bins: int = COVERAGE_BINS,
               min_share: float = COVERAGE_MIN_SHARE) -> float:
    """The share of ``bins`` equal bins of ``x_range`` holding at least ``min_share`` of a uniform x's count.

    Real data (x uniform) covers every bin; a generator collapsed onto a few
    points covers few. Points outside the range fall in no bin.
    """
    counts, _ = np.histogram(np.asarray(points)[:, 0], bins=bins, range=x_range)
    return float(np.mean(counts >= min_share * len(points) / bins))


def label_accuracy(images: np.ndarray, labels: np.ndarray, classify: Callable[[torch.Tensor], torch.Tensor]) -> float:
    """The share of images (N, C, H, W) in [0, 1] that ``classify`` (logits out) assigns their label (N,)."""
    with torch.no_grad():
        predicted = classify(torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32))).argmax(dim=1)
    return float((predicted.numpy() == np.asarray(labels)).mean())
