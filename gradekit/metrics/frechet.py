"""The Fréchet distance between two Gaussians, exact and fast (Heusel et al. 2017).

    FID = ‖μ1 − μ2‖² + Tr Σ1 + Tr Σ2 − 2 Tr (Σ1 Σ2)^½

pytorch-fid computes ``scipy.linalg.sqrtm(Σ1 @ Σ2)``, a Schur decomposition of
a non-symmetric matrix with complex round-off, only to read its trace. The
trace needs eigenvalues alone: for any F with F Fᵀ = Σ1, the product Σ1 Σ2 =
F (Fᵀ Σ2 F) F⁻¹ is similar to the symmetric positive semi-definite Fᵀ Σ2 F, so

    Tr (Σ1 Σ2)^½ = Σᵢ √λᵢ(Fᵀ Σ2 F).

When Σ1 is positive definite, F is its Cholesky factor L, and LAPACK does the
whole of it as the symmetric-definite eigenproblem Σ2 Σ1 v = λ v (``sygv``:
Cholesky, the reduction to Lᵀ Σ2 L, one symmetric eigenvalue solve). When Σ1
is singular (fewer samples than features) it has no Cholesky factor, and F is
its symmetric square root from an eigendecomposition. All in float64;
eigenvalues and a total a hair below 0 (round-off) are clamped to 0.
"""

from __future__ import annotations

import numpy as np
from scipy import linalg


def feature_statistics(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean (d,) and unbiased covariance (d, d), ddof = 1, of feature rows ``(samples, d)``, in float64."""
    features = np.asarray(features, dtype=np.float64)
    if features.ndim != 2 or features.shape[0] < 2:
        raise ValueError(f"features must be (samples, dims) with at least two samples, not shape {features.shape}")
    return features.mean(axis=0), np.atleast_2d(np.cov(features, rowvar=False, ddof=1))


def frechet_distance(mu1: np.ndarray, sigma1: np.ndarray, mu2: np.ndarray, sigma2: np.ndarray) -> float:
    """d² = ‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^½) between N(mu1, sigma1) and N(mu2, sigma2).

    Means (d,), covariances (d, d), computed in float64; never negative.
    """
    mu1, sigma1 = _gaussian(mu1, sigma1, "1")
    mu2, sigma2 = _gaussian(mu2, sigma2, "2")
    if mu1.shape != mu2.shape:
        raise ValueError(f"the Gaussians have different dimensions: {mu1.shape[0]} and {mu2.shape[0]}")
    diff = mu1 - mu2  # (d,)
    distance = diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2.0 * trace_sqrt_product(sigma1, sigma2)
    return max(float(distance), 0.0)  # identical statistics may land a hair below 0


def trace_sqrt_product(sigma1: np.ndarray, sigma2: np.ndarray) -> float:
    """Tr (Σ1 Σ2)^½ for symmetric positive semi-definite Σ1, Σ2: Σ √λ(Fᵀ Σ2 F) with F Fᵀ = Σ1."""
    try:  # Σ1 = L Lᵀ: the eigenvalues of Σ2 Σ1 v = λ v are those of Lᵀ Σ2 L
        eigenvalues = linalg.eigvalsh(sigma2, sigma1, type=2, driver="gv", check_finite=False)
    except linalg.LinAlgError:  # Σ1 singular, no Cholesky factor: F = √Σ1 instead
        root = _symmetric_sqrt(sigma1)  # (d, d)
        eigenvalues = linalg.eigvalsh(root @ sigma2 @ root, driver="evr", check_finite=False)
    return float(np.sqrt(np.clip(eigenvalues, 0.0, None)).sum())  # round-off may leave λ ≈ -1e-16


def _symmetric_sqrt(sigma: np.ndarray) -> np.ndarray:
    """V diag(√λ) Vᵀ for a symmetric PSD Σ = V diag(λ) Vᵀ, round-off negatives taken as 0."""
    eigenvalues, vectors = linalg.eigh(sigma, check_finite=False)
    root: np.ndarray = (vectors * np.sqrt(np.clip(eigenvalues, 0.0, None))) @ vectors.T
    return root


def _gaussian(mu: np.ndarray, sigma: np.ndarray, which: str) -> tuple[np.ndarray, np.ndarray]:
    """A mean (d,) and covariance (d, d) as finite float64 arrays, or a ValueError saying what is wrong."""
    mu = np.atleast_1d(np.asarray(mu, dtype=np.float64))
    sigma = np.atleast_2d(np.asarray(sigma, dtype=np.float64))
    if mu.ndim != 1 or sigma.shape != (mu.shape[0], mu.shape[0]):
        raise ValueError(f"mu{which} must be (d,) and sigma{which} (d, d); got {mu.shape} and {sigma.shape}")
    if not (np.isfinite(mu).all() and np.isfinite(sigma).all()):
        raise ValueError(f"mu{which} and sigma{which} must be finite")
    return mu, sigma
