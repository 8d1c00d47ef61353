"""Fréchet inception distance between two feature sets (Heusel et al. 2017)."""

import numpy as np


def frechet_distance(mu1: np.ndarray, sigma1: np.ndarray, mu2: np.ndarray, sigma2: np.ndarray) -> float:
    """Fréchet distance between N(mu1, sigma1) and N(mu2, sigma2), in float64.

    d² = ‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^½), with the matrix square root.
    Means are (d,), covariances (d, d). Never negative: round-off below 0 is
    returned as 0, and a tiny imaginary part of the square root is dropped.
    """
    mu1, mu2 = np.atleast_1d(np.asarray(mu1, np.float64)), np.atleast_1d(np.asarray(mu2, np.float64))
    sigma1, sigma2 = np.atleast_2d(np.asarray(sigma1, np.float64)), np.atleast_2d(np.asarray(sigma2, np.float64))
    d = mu1.shape[0]
    if mu1.shape != (d,) or mu2.shape != (d,) or sigma1.shape != (d, d) or sigma2.shape != (d, d):
        raise ValueError(f"means must have shape (d,) and covariances (d, d); got {mu1.shape}, "
                         f"{sigma1.shape}, {mu2.shape}, {sigma2.shape}")
    # Tr (Σ1 Σ2)^½ sums the square roots of the eigenvalues of Σ1 Σ2, which are those of the
    # symmetric √Σ1 Σ2 √Σ1: symmetric eigendecompositions only, so no complex round-off.
    root1 = _psd_sqrt(sigma1)
    cross = root1 @ sigma2 @ root1  # (d, d), symmetric PSD
    eigenvalues = np.linalg.eigvalsh((cross + cross.T) / 2)
    trace_sqrt = np.sqrt(np.clip(eigenvalues, 0.0, None)).sum()
    diff = mu1 - mu2
    distance = diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2.0 * trace_sqrt
    return max(float(distance), 0.0)  # identical sets may land a hair below 0


def fid_from_features(a: np.ndarray, b: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to the rows of ``a`` and of ``b``.

    Rows are samples, columns features; each covariance is the unbiased
    sample covariance (ddof = 1), so each set needs at least two rows.
    """
    return frechet_distance(*_statistics(a, "a"), *_statistics(b, "b"))


def _statistics(features: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    features = np.asarray(features, np.float64)
    if features.ndim != 2 or features.shape[0] < 2:
        raise ValueError(f"{name} must be a 2-D array of at least two rows (samples); "
                         f"got shape {features.shape}")
    return features.mean(axis=0), np.atleast_2d(np.cov(features, rowvar=False, ddof=1))


def _psd_sqrt(sigma: np.ndarray) -> np.ndarray:
    """The symmetric square root of a PSD matrix: V diag(√λ) Vᵀ, round-off negatives as 0."""
    eigenvalues, vectors = np.linalg.eigh(sigma)
    return (vectors * np.sqrt(np.clip(eigenvalues, 0.0, None))) @ vectors.T
