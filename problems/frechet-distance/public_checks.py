"""Public checks: the course's worked answers and laws every Fréchet distance obeys."""

import math

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.grading.api import StudentRaised, check, expect_between, expect_close, expect_real, expect_true

from .strategies import feature_sets, gaussian_pairs, sample_statistics, scale_of

# The worked answer: two Gaussians with one (correlated) covariance are ‖μ1 − μ2‖² = 3² + 4² apart.
EXAMPLE_MU1, EXAMPLE_MU2 = np.array([1.0, 2.0]), np.array([4.0, 6.0])
EXAMPLE_SIGMA = np.array([[2.0, 1.0], [1.0, 2.0]])


@check(points=0, precondition=True)
def returns_real_numbers(student):
    """frechet_distance and fid_from_features return real numbers"""
    features = np.array([[0.0, 1.0], [2.0, 0.5], [1.0, 3.0], [0.5, 0.0]])
    calls = [("frechet_distance", (EXAMPLE_MU1, EXAMPLE_SIGMA, EXAMPLE_MU2, EXAMPLE_SIGMA),
              "frechet_distance for the worked example"),
             ("fid_from_features", (features, features[::-1] + 1.0), "fid_from_features(a, b)")]
    for name, arguments, what in calls:
        try:
            value = student.call(name, *arguments)
        except StudentRaised:
            continue  # not written yet, or wrong: that function's checks say so; this one is about types
        expect_real(value, what)


def expect_moving_a_mean_adds_its_squared_distance(student, mu1, sigma1, mu2, sigma2) -> None:
    """The anchor of the laws below: moving mu2 to mu1 + 2 (mu2 - mu1) adds 3 ‖mu2 - mu1‖², whatever the
    covariances (constants, zeros and NaN fail it)."""
    near = expect_real(student.frechet_distance(mu1, sigma1, mu2, sigma2), "frechet_distance(mu1, S1, mu2, S2)")
    far = expect_real(student.frechet_distance(mu1, sigma1, 2 * mu2 - mu1, sigma2),
                      "frechet_distance(mu1, S1, mu1 + 2 (mu2 - mu1), S2)")
    difference = mu2 - mu1
    expect_close(far - near, 3 * float(difference @ difference),
                 "frechet_distance(mu1, S1, mu1 + 2 (mu2 - mu1), S2) - frechet_distance(mu1, S1, mu2, S2)",
                 rtol=1e-6, atol=1e-7 * scale_of(mu1, sigma1, 2 * mu2 - mu1, sigma2))


def expect_covariances_count(student, mu, sigma) -> None:
    """The covariance anchor: N(mu, D) and N(mu, 4D), for D the diagonal of ``sigma``, are apart (by Tr D),
    so a distance made of the means alone fails; any matrix square root, even an elementwise one, is exact
    for a diagonal D."""
    diagonal = np.diag(np.diag(sigma))
    distance = expect_real(student.frechet_distance(mu, diagonal, mu, 4 * diagonal),
                           "frechet_distance(mu, D, mu, 4 D)")
    expect_between(distance, 1e-6 * float(np.trace(diagonal)), math.inf,
                   f"frechet_distance(mu, D, mu, 4 D) for D = diag({np.diag(sigma).tolist()}): Gaussians with "
                   f"one mean and different covariances are apart;")


def expect_shift_adds_its_squared_length(student, a, shift, what: str) -> None:
    """fid_from_features(a, a + 2c) - fid_from_features(a, a + c) = 3 ‖c‖²: the covariances are the same in
    both, so this holds whatever they are made of (an anchor; zeros and constants fail it)."""
    near = expect_real(student.fid_from_features(a, a + shift), f"fid_from_features(a, a + c) for {what}")
    far = expect_real(student.fid_from_features(a, a + 2 * shift), f"fid_from_features(a, a + 2c) for {what}")
    expect_close(far - near, 3 * float(shift @ shift),
                 f"fid_from_features(a, a + 2c) - fid_from_features(a, a + c) for {what}", rtol=1e-6,
                 atol=1e-7 * scale_of(*sample_statistics(a), *sample_statistics(a + 2 * shift)))


@check(points=2)
@given(gaussians=gaussian_pairs(), features=feature_sets())
def distance_from_a_set_to_itself_is_zero(student, gaussians, features):
    """FID(X, X) = 0, never a hair below 0: round-off below 0 is clamped to 0; Gaussians apart are apart"""
    mu, sigma, _, _ = gaussians
    other = expect_real(student.frechet_distance(mu, sigma, mu + 1, sigma), "frechet_distance(mu, S, mu + 1, S)")
    expect_true(other > 0, f"frechet_distance(mu, S, mu + 1, S) = {other!r}: Gaussians whose means differ are "
                           f"apart")  # the anchor: a function answering 0 everywhere fails here
    expect_covariances_count(student, mu, sigma)  # ... and one of the means alone
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
    """N(mu1, S) and N(mu2, S) are ‖mu1 − mu2‖² apart (worked answer: 25 for the example), N(mu, D), N(mu, 4D) apart"""
    example = expect_real(student.frechet_distance(EXAMPLE_MU1, EXAMPLE_SIGMA, EXAMPLE_MU2, EXAMPLE_SIGMA),
                          "frechet_distance for the worked example")
    expect_close(example, 25.0, "frechet_distance for the worked example", rtol=1e-7)
    mu1, sigma, mu2, _ = gaussians
    distance = expect_real(student.frechet_distance(mu1, sigma, mu2, sigma), "frechet_distance(mu1, S, mu2, S)")
    expect_close(distance, float((mu1 - mu2) @ (mu1 - mu2)), "frechet_distance(mu1, S, mu2, S)",
                 rtol=1e-6, atol=1e-7 * scale_of(mu1, sigma, mu2, sigma))
    expect_covariances_count(student, mu1, sigma)  # the anchor: the covariances cancel here, not everywhere


@check(points=1, max_examples=10)
@given(mu1=st.integers(-20, 20), mu2=st.integers(-20, 20), sd1=st.integers(1, 12), sd2=st.integers(1, 12))
def one_dimensional_gaussians_give_the_closed_form(student, mu1, mu2, sd1, sd2):
    """In 1-D (1x1 covariances, the edge), FID(N(m1, s1²), N(m2, s2²)) = (m1 − m2)² + (s1 − s2)², for
    Gaussians and one-feature sets"""
    mu1, mu2, sd1, sd2 = mu1 / 4, mu2 / 4, sd1 / 4, sd2 / 4
    distance = expect_real(student.frechet_distance(np.array([mu1]), np.array([[sd1**2]]),
                                                    np.array([mu2]), np.array([[sd2**2]])),
                           f"frechet_distance of N({mu1}, {sd1}²) and N({mu2}, {sd2}²)")
    expect_close(distance, (mu1 - mu2) ** 2 + (sd1 - sd2) ** 2,
                 f"frechet_distance of N({mu1}, {sd1}²) and N({mu2}, {sd2}²)", rtol=1e-7, atol=1e-9)
    a = np.array([[1.0], [2.0], [4.0]])  # one feature: covariances are 1x1 (np.cov gives a 0-d array)
    expect_shift_adds_its_squared_length(student, a, np.array([1.5]), "one-feature sets")


# Correlations of opposite signs: the diagonal of S1 S2 holds a negative entry (1 - 1.9² < 0), where an
# elementwise square root is NaN: explicit, so that verdict never hangs on what the search draws.
OPPOSITE_CORRELATIONS = (np.array([0.0, 1.0]), np.array([[1.0, 1.9], [1.9, 4.0]]),
                         np.array([2.0, -1.0]), np.array([[1.0, -1.9], [-1.9, 4.0]]))


@check(points=1)
@given(gaussians=gaussian_pairs())
@example(gaussians=OPPOSITE_CORRELATIONS)
def symmetric_in_its_two_gaussians(student, gaussians):
    """FID(1, 2) = FID(2, 1), a finite number that grows as the means, or the covariances, move apart"""
    mu1, sigma1, mu2, sigma2 = gaussians
    expect_moving_a_mean_adds_its_squared_distance(student, mu1, sigma1, mu2, sigma2)
    expect_covariances_count(student, mu1, sigma1)
    forward = expect_real(student.frechet_distance(mu1, sigma1, mu2, sigma2), "frechet_distance(mu1, S1, mu2, S2)")
    backward = expect_real(student.frechet_distance(mu2, sigma2, mu1, sigma1), "frechet_distance(mu2, S2, mu1, S1)")
    expect_true(math.isfinite(forward), f"frechet_distance(mu1, S1, mu2, S2) = {forward!r} is not finite")
    expect_close(backward, forward, "frechet_distance(mu2, S2, mu1, S1) vs frechet_distance(mu1, S1, mu2, S2)",
                 rtol=1e-6, atol=1e-7 * scale_of(mu1, sigma1, mu2, sigma2))


@check(points=1)
@given(features=feature_sets())
def fid_from_features_fits_unbiased_covariances(student, features):
    """fid_from_features(a, b) = frechet_distance of the rows' means and covariances with ddof = 1, and
    shifting a set's rows further by c adds the squared length of the shift"""
    a, b = features
    expect_shift_adds_its_squared_length(student, a, np.arange(1, a.shape[1] + 1) / 2, "a feature set")
    spread = a.mean(axis=0) + 2 * (a - a.mean(axis=0))  # the same mean, four times the covariance: apart
    distance = expect_real(student.fid_from_features(a, spread), "fid_from_features(a, a spread twice as wide)")
    expect_between(distance, 1e-6, math.inf, "fid_from_features(a, a spread twice as wide about its mean)")
    statistics = (*sample_statistics(a), *sample_statistics(b))
    from_features = expect_real(student.fid_from_features(a, b), "fid_from_features(a, b)")
    from_statistics = expect_real(student.frechet_distance(*statistics),
                                  "frechet_distance(a.mean(0), np.cov(a.T), b.mean(0), np.cov(b.T))")
    expect_close(from_features, from_statistics,
                 "fid_from_features(a, b) vs frechet_distance of the unbiased statistics",
                 rtol=1e-6, atol=1e-7 * scale_of(*statistics))
