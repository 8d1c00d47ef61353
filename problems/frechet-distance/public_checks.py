"""Public checks: the course's worked answers and laws every Fréchet distance obeys."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.grading.api import check, expect_close, expect_real, expect_true

from .strategies import feature_sets, gaussian_pairs, sample_statistics, scale_of

# The worked answer: two Gaussians with one (correlated) covariance are ‖μ1 − μ2‖² = 3² + 4² apart.
EXAMPLE_MU1, EXAMPLE_MU2 = np.array([1.0, 2.0]), np.array([4.0, 6.0])
EXAMPLE_SIGMA = np.array([[2.0, 1.0], [1.0, 2.0]])


@check(points=2)
@given(gaussians=gaussian_pairs(), features=feature_sets())
def distance_from_a_set_to_itself_is_zero(student, gaussians, features):
    """FID(X, X) = 0, never a hair below 0: round-off below 0 is clamped to 0"""
    mu, sigma, _, _ = gaussians
    same = expect_real(student.frechet_distance(mu, sigma, mu, sigma), "frechet_distance(mu, sigma, mu, sigma)")
    _expect_zero(same, "frechet_distance(mu, sigma, mu, sigma)", scale_of(mu, sigma, mu, sigma))
    a, _ = features
    itself = expect_real(student.fid_from_features(a, a), "fid_from_features(a, a)")
    _expect_zero(itself, "fid_from_features(a, a)", scale_of(*sample_statistics(a), *sample_statistics(a)))


def _expect_zero(value: float, what: str, scale: float) -> None:
    expect_true(0.0 <= value <= 1e-7 * scale,
                f"{what} = {value!r}: the distance from a Gaussian to itself is 0, and never negative")


@check(points=2)
@given(gaussians=gaussian_pairs())
def equal_covariances_give_the_squared_distance_of_the_means(student, gaussians):
    """N(mu1, S) and N(mu2, S) are ‖mu1 − mu2‖² apart (worked answer: 25 for the example)"""
    example = expect_real(student.frechet_distance(EXAMPLE_MU1, EXAMPLE_SIGMA, EXAMPLE_MU2, EXAMPLE_SIGMA),
                          "frechet_distance for the worked example")
    expect_close(example, 25.0, "frechet_distance for the worked example", rtol=1e-7)
    mu1, sigma, mu2, _ = gaussians
    distance = expect_real(student.frechet_distance(mu1, sigma, mu2, sigma), "frechet_distance(mu1, S, mu2, S)")
    expect_close(distance, float((mu1 - mu2) @ (mu1 - mu2)), "frechet_distance(mu1, S, mu2, S)",
                 rtol=1e-6, atol=1e-7 * scale_of(mu1, sigma, mu2, sigma))


@check(points=1)
@given(mu1=st.integers(-20, 20), mu2=st.integers(-20, 20), sd1=st.integers(1, 12), sd2=st.integers(1, 12))
def one_dimensional_gaussians_give_the_closed_form(student, mu1, mu2, sd1, sd2):
    """In 1-D, FID(N(m1, s1²), N(m2, s2²)) = (m1 − m2)² + (s1 − s2)²"""
    mu1, mu2, sd1, sd2 = mu1 / 4, mu2 / 4, sd1 / 4, sd2 / 4
    distance = expect_real(student.frechet_distance(np.array([mu1]), np.array([[sd1**2]]),
                                                    np.array([mu2]), np.array([[sd2**2]])),
                           f"frechet_distance of N({mu1}, {sd1}²) and N({mu2}, {sd2}²)")
    expect_close(distance, (mu1 - mu2) ** 2 + (sd1 - sd2) ** 2,
                 f"frechet_distance of N({mu1}, {sd1}²) and N({mu2}, {sd2}²)", rtol=1e-7, atol=1e-9)


@check(points=1)
@given(gaussians=gaussian_pairs())
def symmetric_in_its_two_gaussians(student, gaussians):
    """FID(1, 2) = FID(2, 1), a finite number"""
    mu1, sigma1, mu2, sigma2 = gaussians
    forward = expect_real(student.frechet_distance(mu1, sigma1, mu2, sigma2), "frechet_distance(mu1, S1, mu2, S2)")
    backward = expect_real(student.frechet_distance(mu2, sigma2, mu1, sigma1), "frechet_distance(mu2, S2, mu1, S1)")
    expect_true(math.isfinite(forward), f"frechet_distance(mu1, S1, mu2, S2) = {forward!r} is not finite")
    expect_close(backward, forward, "frechet_distance(mu2, S2, mu1, S1) vs frechet_distance(mu1, S1, mu2, S2)",
                 rtol=1e-6, atol=1e-7 * scale_of(mu1, sigma1, mu2, sigma2))


@check(points=1)
@given(features=feature_sets())
def fid_from_features_fits_unbiased_covariances(student, features):
    """fid_from_features(a, b) = frechet_distance of the rows' means and covariances with ddof = 1"""
    a, b = features
    statistics = (*sample_statistics(a), *sample_statistics(b))
    from_features = expect_real(student.fid_from_features(a, b), "fid_from_features(a, b)")
    from_statistics = expect_real(student.frechet_distance(*statistics),
                                  "frechet_distance(a.mean(0), np.cov(a.T), b.mean(0), np.cov(b.T))")
    expect_close(from_features, from_statistics,
                 "fid_from_features(a, b) vs frechet_distance of the unbiased statistics",
                 rtol=1e-6, atol=1e-7 * scale_of(*statistics))
