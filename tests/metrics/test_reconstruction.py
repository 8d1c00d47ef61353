"""Metrics of reconstructions and codes, on values worked by hand."""

import math

import numpy as np
import pytest

from gradekit.metrics.reconstruction import fraction_inactive, linear_probe_accuracy, mean_squared_error, psnr


def test_psnr_of_an_error_of_one_tenth_everywhere_is_20_db():
    clean = np.zeros((2, 4, 4))
    assert psnr(clean + 0.1, clean) == pytest.approx(20.0)


def test_psnr_pools_the_error_over_the_mask_only():
    clean, estimate = np.zeros((1, 2, 2)), np.array([[[0.1, 1.0], [1.0, 1.0]]])
    mask = np.array([[[True, False], [False, False]]])
    assert psnr(estimate, clean, mask) == pytest.approx(20.0)
    assert psnr(clean, clean) == math.inf


def test_mean_squared_error_averages_every_pixel_and_checks_shapes():
    assert mean_squared_error(np.array([[1.0, 0.0]]), np.array([[0.0, 0.0]])) == 0.5
    with pytest.raises(ValueError, match="shapes differ"):
        mean_squared_error(np.zeros(3), np.zeros(4))


def test_a_probe_separates_separable_codes_and_not_noise():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, 300)
    codes = np.eye(3)[labels] * 5 + rng.normal(0, 0.3, (300, 3))
    assert linear_probe_accuracy(codes[:200], labels[:200], codes[200:], labels[200:]) == 1.0
    noise = rng.normal(size=(300, 3))
    assert linear_probe_accuracy(noise[:200], labels[:200], noise[200:], labels[200:]) < 0.6


def test_a_probe_fits_at_most_max_rows_of_a_large_training_set():
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 2, 500)
    codes = labels[:, None] * 4.0 + rng.normal(0, 0.5, (500, 2))
    assert linear_probe_accuracy(codes, labels, codes[:50], labels[:50], max_rows=20) > 0.9


def test_fraction_inactive_counts_zeros_up_to_the_tolerance():
    assert fraction_inactive(np.array([[0.0, 1e-7, 0.5, -2.0]])) == 0.5
