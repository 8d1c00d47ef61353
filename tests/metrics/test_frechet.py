"""The fast exact Fréchet distance against scipy.linalg.sqrtm, the way pytorch-fid computes it."""

import warnings

import numpy as np
import pytest
from scipy import linalg

from gradekit.calc.fid import frechet_distance as problem_reference
from gradekit.metrics.frechet import feature_statistics, frechet_distance, trace_sqrt_product


def sqrtm_frechet_distance(mu1, sigma1, mu2, sigma2):
    """pytorch-fid's algorithm: the matrix square root of the non-symmetric product, its real part."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sqrtm warns that a singular product may have no square root
        covmean = linalg.sqrtm(sigma1 @ sigma2)
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean).real)


def random_spd(rng, dim):
    factor = rng.normal(size=(dim, dim))
    return factor @ factor.T / dim + 0.1 * np.eye(dim)


def relative_difference(ours, theirs):
    return abs(ours - theirs) / abs(theirs)


@pytest.mark.parametrize("dim", [1, 2, 5, 32, 128])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_sqrtm_on_random_positive_definite_covariances(dim, seed):
    rng = np.random.default_rng(seed)
    statistics = (rng.normal(size=dim), random_spd(rng, dim), rng.normal(size=dim), random_spd(rng, dim))
    assert relative_difference(frechet_distance(*statistics), sqrtm_frechet_distance(*statistics)) < 1e-6


@pytest.mark.parametrize(("samples", "dim"), [(10, 20), (40, 64), (100, 128)])
@pytest.mark.parametrize("seed", [0, 1])
def test_matches_sqrtm_when_fewer_samples_than_features_make_covariances_singular(samples, dim, seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(samples, dim))
    b = 1.5 * rng.normal(size=(samples + 3, dim)) + 0.2
    statistics = (*feature_statistics(a), *feature_statistics(b))
    assert np.linalg.matrix_rank(statistics[1]) < dim  # the case under test: no Cholesky factor
    assert relative_difference(frechet_distance(*statistics), sqrtm_frechet_distance(*statistics)) < 1e-6


def test_a_singular_first_covariance_gives_the_same_distance_as_the_full_rank_order():
    """The eigendecomposition path (Σ1 singular) agrees with the Cholesky path (Σ1 full rank) by symmetry.

    Not to 1e-9: the square roots of the zero eigenvalues turn round-off of 1e-16 into 1e-8.
    """
    rng = np.random.default_rng(3)
    low_rank = (*feature_statistics(rng.normal(size=(8, 16))),)
    full_rank = (rng.normal(size=16), random_spd(rng, 16))
    forward = frechet_distance(*low_rank, *full_rank)
    backward = frechet_distance(*full_rank, *low_rank)
    assert relative_difference(forward, backward) < 1e-6
    assert relative_difference(forward, sqrtm_frechet_distance(*low_rank, *full_rank)) < 1e-6


def test_identical_statistics_are_zero_up_to_round_off_and_never_negative():
    unclamped = []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        mu, sigma = feature_statistics(rng.normal(size=(30, 12)) @ rng.normal(size=(12, 12)))
        distance = frechet_distance(mu, sigma, mu, sigma)
        assert 0.0 <= distance <= 1e-12 * np.trace(sigma)
        unclamped.append(2 * np.trace(sigma) - 2 * trace_sqrt_product(sigma, sigma))
        assert distance == max(unclamped[-1], 0.0)
    assert min(unclamped) < 0.0  # the clamp was needed for some of them


def test_equal_covariances_give_the_squared_distance_of_the_means():
    sigma = np.array([[2.0, 1.0], [1.0, 2.0]])
    assert frechet_distance(np.array([1.0, 2.0]), sigma, np.array([4.0, 6.0]), sigma) == pytest.approx(25.0)


def test_one_dimensional_gaussians_give_the_closed_form():
    # (μ1 − μ2)² + (σ1 − σ2)² = 1² + (3 − 0.5)²
    assert frechet_distance([1.0], [[9.0]], [2.0], [[0.25]]) == pytest.approx(1.0 + 2.5**2)


def test_agrees_with_the_frechet_distance_problems_reference():
    rng = np.random.default_rng(4)
    statistics = (rng.normal(size=24), random_spd(rng, 24), rng.normal(size=24), random_spd(rng, 24))
    assert relative_difference(frechet_distance(*statistics), problem_reference(*statistics)) < 1e-9


def test_returns_a_python_float_from_float32_statistics():
    rng = np.random.default_rng(5)
    mu, sigma = rng.normal(size=6).astype(np.float32), random_spd(rng, 6).astype(np.float32)
    distance = frechet_distance(mu, sigma, np.zeros(6, np.float32), np.eye(6, dtype=np.float32))
    assert type(distance) is float
    assert distance == pytest.approx(sqrtm_frechet_distance(mu.astype(float), sigma.astype(float),
                                                            np.zeros(6), np.eye(6)), rel=1e-6)


def test_feature_statistics_are_the_mean_and_the_unbiased_covariance_in_float64():
    features = np.random.default_rng(6).normal(size=(7, 3)).astype(np.float32)
    mu, sigma = feature_statistics(features)
    assert mu.dtype == sigma.dtype == np.float64
    centred = features.astype(np.float64) - features.astype(np.float64).mean(axis=0)
    np.testing.assert_allclose(mu, features.astype(np.float64).mean(axis=0))
    np.testing.assert_allclose(sigma, centred.T @ centred / (7 - 1))  # ddof = 1


def test_feature_statistics_of_one_feature_is_a_one_by_one_covariance():
    mu, sigma = feature_statistics(np.array([[1.0], [3.0]]))
    assert mu.shape == (1,) and sigma.shape == (1, 1) and sigma[0, 0] == pytest.approx(2.0)


@pytest.mark.parametrize("features", [np.zeros((1, 4)), np.zeros(5), np.zeros((2, 3, 4))])
def test_feature_statistics_reject_fewer_than_two_samples_or_the_wrong_rank(features):
    with pytest.raises(ValueError, match="at least two samples"):
        feature_statistics(features)


def test_mismatched_dimensions_are_a_value_error():
    with pytest.raises(ValueError, match="different dimensions"):
        frechet_distance(np.zeros(2), np.eye(2), np.zeros(3), np.eye(3))
    with pytest.raises(ValueError, match=r"\(d, d\)"):
        frechet_distance(np.zeros(2), np.eye(3), np.zeros(2), np.eye(2))


def test_non_finite_statistics_are_a_value_error():
    with pytest.raises(ValueError, match="finite"):
        frechet_distance(np.zeros(2), np.array([[np.nan, 0.0], [0.0, 1.0]]), np.zeros(2), np.eye(2))
