"""Inputs for the checks: Gaussians with correlated covariances, and feature sets made from a seed."""

import numpy as np
from hypothesis import strategies as st

SEEDS = st.integers(0, 2**32 - 1)  # numpy draws from a seed: hypothesis shrinks the seed, not every entry


def covariance(rng: np.random.Generator, dim: int) -> np.ndarray:
    """A A^T + I/2 for A on a grid of quarters: symmetric, positive definite, not diagonal."""
    factor = rng.integers(-8, 9, size=(dim, dim)) / 4
    return factor @ factor.T + 0.5 * np.eye(dim)


def mean(rng: np.random.Generator, dim: int) -> np.ndarray:
    return rng.integers(-20, 21, size=dim) / 4


@st.composite
def gaussian_pairs(draw, dims=st.integers(2, 6)):
    """``(mu1, sigma1, mu2, sigma2)`` of one dimension, 2 to 6 (one dimension is an edge, checked apart)."""
    dim = draw(dims)
    rng = np.random.default_rng(draw(SEEDS))
    return mean(rng, dim), covariance(rng, dim), mean(rng, dim), covariance(rng, dim)


def correlated_features(seed: int, rows: int, dim: int) -> np.ndarray:
    """``rows`` samples (rows) of ``dim`` correlated, shifted Gaussian features."""
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(dim, dim))  # makes the covariance non-diagonal
    return rng.normal(size=(rows, dim)) @ mixing + rng.normal(scale=3.0, size=dim)


@st.composite
def feature_sets(draw, dims=st.integers(2, 5), extra_rows=st.integers(1, 5)):
    """Two feature sets of ``dim + extra`` rows each (2 to 5 features): full-rank covariances, few samples."""
    dim = draw(dims)
    seed = draw(SEEDS)
    first = correlated_features(seed, dim + draw(extra_rows), dim)
    second = correlated_features(seed + 1, dim + draw(extra_rows), dim)
    return first, second


@st.composite
def rank_deficient_feature_sets(draw, dims=st.integers(3, 8)):
    """Two feature sets with fewer rows than features: singular sample covariances."""
    dim = draw(dims)
    seed = draw(SEEDS)
    first = correlated_features(seed, draw(st.integers(2, dim - 1)), dim)
    second = correlated_features(seed + 1, draw(st.integers(2, dim - 1)), dim)
    return first, second


def scale_of(mu1, sigma1, mu2, sigma2) -> float:
    """The size of the terms FID subtracts: round-off is relative to it, not to the result."""
    diff = np.asarray(mu1) - np.asarray(mu2)
    return 1.0 + float(diff @ diff + np.trace(sigma1) + np.trace(sigma2))


def sample_statistics(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and unbiased (ddof = 1) covariance of the rows."""
    return features.mean(axis=0), np.atleast_2d(np.cov(features, rowvar=False, ddof=1))
