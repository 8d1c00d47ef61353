"""Inception score from a classifier's class probabilities (Salimans et al. 2016)."""

import numpy as np
from scipy.special import rel_entr


def inception_score(probs: np.ndarray, splits: int = 10) -> tuple[float, float]:
    """Mean and population std of exp(E_x KL(p(y|x) ‖ p(y))) over ``splits`` parts of the rows.

    ``probs`` is (N, classes), one row p(y|x) per sample. The rows are split in
    order with ``np.array_split`` (no shuffling); within each part p(y) is the
    part's mean row, the KL uses the natural log with 0 log 0 = 0, and the
    part's score is exp of the mean KL. Returns (mean, std with ddof = 0).
    """
    probs = np.asarray(probs, np.float64)
    if probs.ndim != 2:
        raise ValueError(f"probs must be (samples, classes), got shape {probs.shape}")
    if not 1 <= splits <= probs.shape[0]:
        raise ValueError(f"splits must lie in 1..{probs.shape[0]} (the number of rows), got {splits}")
    scores = np.array([_split_score(part) for part in np.array_split(probs, splits)])
    return float(scores.mean()), float(scores.std())


def _split_score(part: np.ndarray) -> float:
    """exp(mean_x KL(p(y|x) ‖ p(y))) with p(y) the mean prediction of this part."""
    marginal = part.mean(axis=0, keepdims=True)  # (1, classes)
    kl = rel_entr(part, marginal).sum(axis=1)  # (rows,); rel_entr(0, q) = 0
    return float(np.exp(kl.mean()))
