"""Metrics of reconstructions and codes: numpy in, numbers out (the grader's checks and ``gradekit train``)."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def mean_squared_error(estimate: np.ndarray, target: np.ndarray) -> float:
    """Mean over every pixel of every image of (estimate - target)^2."""
    estimate, target = np.asarray(estimate, np.float64), np.asarray(target, np.float64)
    if estimate.shape != target.shape:
        raise ValueError(f"shapes differ: {estimate.shape} vs {target.shape}")
    return float(np.mean((estimate - target) ** 2))


def psnr(estimate: np.ndarray, target: np.ndarray, mask: np.ndarray | None = None, peak: float = 1.0) -> float:
    """Peak signal-to-noise ratio in dB, 10 log10(peak^2 / MSE), the MSE pooled over ``mask``'s pixels."""
    estimate, target = np.asarray(estimate, np.float64), np.asarray(target, np.float64)
    errors = (estimate - target) ** 2
    if mask is not None:
        errors = errors[np.asarray(mask, bool)]
    mse = float(np.mean(errors))
    return float("inf") if mse == 0 else float(10.0 * np.log10(peak**2 / mse))


PROBE_ROWS = 10_000  # enough for a 10-class linear probe; MNIST's 60,000 would only slow it down


def linear_probe_accuracy(train_codes: np.ndarray, train_labels: np.ndarray, test_codes: np.ndarray,
                          test_labels: np.ndarray, max_rows: int = PROBE_ROWS, seed: int = 0) -> float:
    """Test accuracy of a logistic regression fitted on standardised training codes.

    Standardising first makes the probe blind to the codes' scale, which an
    autoencoder is free to choose. Beyond ``max_rows`` training rows, a random
    subset of that many (drawn from ``seed``) is fitted.
    """
    train_codes, train_labels = np.asarray(train_codes, np.float64), np.asarray(train_labels)
    if len(train_codes) > max_rows:
        keep = np.random.default_rng(seed).choice(len(train_codes), max_rows, replace=False)
        train_codes, train_labels = train_codes[keep], train_labels[keep]
    probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    probe.fit(train_codes, train_labels)
    return float(probe.score(np.asarray(test_codes, np.float64), np.asarray(test_labels)))


def fraction_inactive(codes: np.ndarray, tolerance: float = 1e-6) -> float:
    """Fraction of code entries with |h| <= tolerance: the sparsity of ReLU codes."""
    return float(np.mean(np.abs(np.asarray(codes)) <= tolerance))
