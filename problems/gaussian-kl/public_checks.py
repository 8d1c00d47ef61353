"""Public checks: the prior's zero, and laws of the KL that need no reference.

A law that a degenerate function (zeros, a constant, NaN) satisfies carries an anchor in the same
check: zero at the prior *and* not zero away from it; additive *and* not zero; positive *and*
growing with the mean shift.
"""

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.grading.api import check, expect_close, expect_tensor, expect_true, tensor

from .strategies import encoder_outputs, fixed_pair

# Each property check also runs an explicit @example where every wrong convention shows, so a
# verdict never hangs on what the search happens to draw.
MONTE_CARLO_SAMPLES = 200_000
MONTE_CARLO_SEED = 2014  # fixed: the estimate, and so the verdict, is the same on every run
# A fixed batch whose rows make each wrong convention show: mean shifts, wide and narrow variances.
MONTE_CARLO_MU = [[0.5, -1.0, 0.0], [1.5, 0.2, -0.7], [0.0, 0.0, 0.0], [-2.0, 1.0, 0.3]]
MONTE_CARLO_LOGVAR = [[0.0, 1.0, -1.0], [-2.0, 0.5, 1.5], [2.0, -0.5, 0.0], [0.0, -1.5, 1.0]]
# Four samples, each one step away from the prior in one coordinate: every KL is positive.
OFF_PRIOR_MU = np.zeros((4, 8), dtype=np.float32)
OFF_PRIOR_LOGVAR = np.zeros((4, 8), dtype=np.float32)
OFF_PRIOR_MU[0, 0], OFF_PRIOR_MU[1, 3] = 1.0, -0.5
OFF_PRIOR_LOGVAR[2, 5], OFF_PRIOR_LOGVAR[3, 7] = 1.0, -1.0


def kl_per_sample(student, mu: np.ndarray, logvar: np.ndarray, what: str) -> np.ndarray:
    """The student's KL for a (batch, latent) pair, checked to be a float tensor of shape (batch,)."""
    result = student.gaussian_kl(tensor(mu), tensor(logvar))
    return expect_tensor(result, what, shape=(mu.shape[0],)).array.astype(np.float64)


def away_from_the_prior(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """(batch,) bool: samples with some |mu| or |log sigma^2| of at least 0.1."""
    return np.maximum(np.abs(mu), np.abs(logvar)).max(axis=-1) >= 0.1


def monte_carlo_kl(mu: np.ndarray, logvar: np.ndarray, samples: int, seed: int) -> np.ndarray:
    """E_q[log q(z) - log p(z)] estimated from ``samples`` draws z = mu + sigma * eps per row."""
    eps = np.random.default_rng(seed).standard_normal((samples, *mu.shape))  # (S, B, D)
    z = mu + np.exp(0.5 * logvar) * eps  # (S, B, D)
    # log N(z; mu, sigma^2) - log N(z; 0, 1), the 2*pi terms cancel
    log_ratio = -0.5 * logvar - 0.5 * eps**2 + 0.5 * z**2  # (S, B, D)
    return log_ratio.sum(axis=-1).mean(axis=0)  # (B,)


@check(points=0, precondition=True)
def returns_one_value_per_sample(student):
    """Inputs of shape (batch, latent) give a float tensor of shape (batch,)"""
    rng = np.random.default_rng(0)
    for batch, latent in [(5, 3), (2, 4)]:
        mu, logvar = rng.standard_normal((2, batch, latent)).astype(np.float32)
        kl_per_sample(student, mu, logvar, f"gaussian_kl of inputs of shape ({batch}, {latent})")


@check(points=2)
def standard_normal_has_zero_kl(student):
    """KL(N(0, I) || N(0, I)) = 0: mu = 0 and log sigma^2 = 0 give 0 for every sample, and only the prior does"""
    zeros = np.zeros((4, 8), dtype=np.float32)
    kl = kl_per_sample(student, zeros, zeros, "gaussian_kl(zeros(4, 8), zeros(4, 8))")
    expect_close(kl, np.zeros(4), "gaussian_kl(zeros(4, 8), zeros(4, 8))", atol=1e-7)
    # the anchor: not zero one step away from the prior (its sign is is_positive_away_from_the_prior's)
    away = kl_per_sample(student, OFF_PRIOR_MU, OFF_PRIOR_LOGVAR, "gaussian_kl one step off the prior")
    expect_true(bool(np.all(np.isfinite(away) & (np.abs(away) > 1e-3))),
                f"gaussian_kl one step off the prior (a mu of 1 or -0.5, a log sigma^2 of 1 or -1) = {away}: "
                f"only the prior itself has KL 0")


@check(points=1)
@given(pair=encoder_outputs())
@example(pair=fixed_pair(mu=[[0, 0], [0, 0.5], [-1, 2], [0, 0]], logvar=[[0.5, 1], [2, 0], [0, 0], [-1, -3]]))
def is_positive_away_from_the_prior(student, pair):
    """KL >= 0 always, KL > 0 for a sample away from the prior, and moving mu further away raises it"""
    mu, logvar = pair
    kl = kl_per_sample(student, mu, logvar, "gaussian_kl(mu, logvar)")
    expect_true(bool(np.all(kl >= -1e-5)), f"gaussian_kl(mu, logvar) = {kl} is negative")
    away = away_from_the_prior(mu, logvar)
    expect_true(bool(np.all(kl[away] > 0)),
                f"gaussian_kl(mu, logvar) = {kl} is not positive for a sample away from N(0, I)")
    # the anchor: doubling mu adds 3/2 sum mu^2, so the KL grows wherever mu is not 0
    further = kl_per_sample(student, 2 * mu, logvar, "gaussian_kl(2 * mu, logvar)")
    shifted = np.abs(mu).max(axis=-1) >= 0.1  # (batch,)
    expect_true(bool(np.all(further[shifted] > kl[shifted]) and np.all(further >= kl - 1e-5)),
                f"gaussian_kl(2 * mu, logvar) = {further} does not exceed gaussian_kl(mu, logvar) = {kl}: "
                f"a mean further from 0 must cost more")


@check(points=1)
@given(pair=encoder_outputs())
@example(pair=fixed_pair(mu=[[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]], logvar=[[0.0] * 3] * 2))
def mean_shift_costs_half_the_squared_norm(student, pair):
    """With sigma = 1 (log sigma^2 = 0) the KL is 1/2 * sum_j mu_j^2"""
    mu, _ = pair
    kl = kl_per_sample(student, mu, np.zeros_like(mu), "gaussian_kl(mu, zeros)")
    expected = 0.5 * (mu.astype(np.float64) ** 2).sum(axis=-1)
    expect_close(kl, expected, "gaussian_kl(mu, zeros)", rtol=1e-5, atol=1e-6)


@check(points=1)
@given(first=encoder_outputs(batch=st.just(3)), second=encoder_outputs(batch=st.just(3)))
@example(first=fixed_pair(mu=[[1, 0], [0, 2], [2, -1]], logvar=[[0, 1], [1, -1], [-1, 0.5]]),
         second=fixed_pair(mu=[[0.5, 0], [-1, 0.3], [0, 0]], logvar=[[0.3, 0], [0, 0.2], [2, -2]]))
def adds_up_over_latent_dimensions(student, first, second):
    """Independent latent dimensions add: KL of [a, b] = KL of a + KL of b (a sum, not a mean), not 0 off the prior"""
    (mu_a, logvar_a), (mu_b, logvar_b) = first, second
    kl_a = kl_per_sample(student, mu_a, logvar_a, "gaussian_kl(mu_a, logvar_a)")
    kl_b = kl_per_sample(student, mu_b, logvar_b, "gaussian_kl(mu_b, logvar_b)")
    mu, logvar = np.concatenate([mu_a, mu_b], axis=1), np.concatenate([logvar_a, logvar_b], axis=1)
    joined = kl_per_sample(student, mu, logvar, "gaussian_kl([mu_a, mu_b], [logvar_a, logvar_b])")
    expect_close(joined, kl_a + kl_b, "gaussian_kl of the joined latent dimensions", rtol=1e-5, atol=1e-5)
    away = away_from_the_prior(mu, logvar)  # the anchor: zero adds up too, but is not the KL off the prior
    expect_true(bool(np.all(joined[away] != 0)),
                f"gaussian_kl of the joined latent dimensions = {joined} is 0 for a sample away from N(0, I)")


@check(points=2)
def agrees_with_a_monte_carlo_estimate(student):
    """The closed form agrees with a Monte-Carlo estimate of E_q[log q(z) - log p(z)]"""
    mu = np.array(MONTE_CARLO_MU, dtype=np.float32)
    logvar = np.array(MONTE_CARLO_LOGVAR, dtype=np.float32)
    kl = kl_per_sample(student, mu, logvar, "gaussian_kl(mu, logvar)")
    estimate = monte_carlo_kl(mu.astype(np.float64), logvar.astype(np.float64),
                              MONTE_CARLO_SAMPLES, MONTE_CARLO_SEED)
    expect_close(kl, estimate, f"gaussian_kl(mu, logvar) for mu = {MONTE_CARLO_MU}, "
                               f"logvar = {MONTE_CARLO_LOGVAR}", rtol=0.02, atol=0.05)
