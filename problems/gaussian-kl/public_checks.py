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
# Four samples, each one step away from the prior in one coordinate: every KL is positive
# (a drawn latent size and column, a step of one of these sizes: a table of fixed batches cannot answer)
OFF_PRIOR_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5)


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


@check(points=2, max_examples=10)
@given(latent=st.integers(2, 8), column=st.integers(0, 7), step=st.sampled_from(OFF_PRIOR_STEPS))
@example(latent=8, column=0, step=1.0)
def standard_normal_has_zero_kl(student, latent, column, step):
    """KL(N(0, I) || N(0, I)) = 0: mu = 0 and log sigma^2 = 0 give 0 for every sample, and only the prior does"""
    zeros = np.zeros((4, latent), dtype=np.float32)
    kl = kl_per_sample(student, zeros, zeros, f"gaussian_kl(zeros(4, {latent}), zeros(4, {latent}))")
    expect_close(kl, np.zeros(4), f"gaussian_kl(zeros(4, {latent}), zeros(4, {latent}))", atol=1e-7)
    # the anchor: not zero one step away from the prior (its sign is is_positive_away_from_the_prior's),
    # and a mean twice as far off differs more from 0: an indicator of "not the prior" fails it
    column %= latent
    mu, logvar = zeros.copy(), zeros.copy()
    mu[0, column], mu[1, column] = step, -2 * step
    logvar[2, column], logvar[3, column] = step, -step
    away = kl_per_sample(student, mu, logvar, "gaussian_kl one step off the prior")
    shown = f"mu = {mu.tolist()}, logvar = {logvar.tolist()}"
    expect_true(bool(np.all(np.isfinite(away) & (np.abs(away) > 1e-3))),
                f"gaussian_kl one step off the prior ({shown}) = {away}: only the prior itself has KL 0")
    expect_true(bool(abs(away[1]) > abs(away[0]) * (1 + 1e-3)),
                f"gaussian_kl one step off the prior ({shown}) = {away}: a mean of {-2 * step} should be "
                f"further from 0 than one of {step}")


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
    """With sigma = 1 (log sigma^2 = 0) the KL is 1/2 * sum_j mu_j^2, and another sigma changes it"""
    mu, _ = pair
    kl = kl_per_sample(student, mu, np.zeros_like(mu), "gaussian_kl(mu, zeros)")
    expected = 0.5 * (mu.astype(np.float64) ** 2).sum(axis=-1)
    expect_close(kl, expected, "gaussian_kl(mu, zeros)", rtol=1e-5, atol=1e-6)
    # the anchor: a KL made of mu alone passes the above; a sigma other than 1 must change every sample's KL
    wider = kl_per_sample(student, mu, np.ones_like(mu), "gaussian_kl(mu, ones)")
    expect_true(bool(np.all(np.abs(wider - kl) > 1e-3)),
                f"gaussian_kl(mu, ones) = {wider} and gaussian_kl(mu, zeros) = {kl}: the KL must depend on "
                f"log sigma^2 too")


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


@check(points=2, max_examples=4)
@given(rows=st.permutations(range(4)), columns=st.permutations(range(3)),
       signs=st.lists(st.sampled_from([-1.0, 1.0]), min_size=3, max_size=3))
@example(rows=[0, 1, 2, 3], columns=[0, 1, 2], signs=[1.0, 1.0, 1.0])
def agrees_with_a_monte_carlo_estimate(student, rows, columns, signs):
    """The closed form agrees with a Monte-Carlo estimate of E_q[log q(z) - log p(z)]"""
    # the fixed batch with its rows and latent dimensions reordered and some means negated (drawn): the
    # estimate is made afresh for each, so a table of the batch as written earns nothing
    mu = (np.array(MONTE_CARLO_MU, dtype=np.float32) * np.array(signs, dtype=np.float32))[rows][:, columns]
    logvar = np.array(MONTE_CARLO_LOGVAR, dtype=np.float32)[rows][:, columns]
    kl = kl_per_sample(student, mu, logvar, "gaussian_kl(mu, logvar)")
    estimate = monte_carlo_kl(mu.astype(np.float64), logvar.astype(np.float64),
                              MONTE_CARLO_SAMPLES, MONTE_CARLO_SEED)
    expect_close(kl, estimate, f"gaussian_kl(mu, logvar) for mu = {mu.tolist()}, "
                               f"logvar = {logvar.tolist()}", rtol=0.02, atol=0.05)
