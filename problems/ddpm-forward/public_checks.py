"""Public checks: the paper's schedule, the definition of ᾱ_t, and the law of q(x_t | x_0).

Main properties use steps strictly inside ordinary chains; the chain's ends (a one-step chain, the
first and the last step) are their own edge check. The per-sample law is anchored: x_t must
depend on t at all.
"""

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.grading.api import (CheckFailed, StudentRaised, check, expect_close, expect_tensor, expect_true,
                                  tensor)

from .strategies import (ALPHA_BAR_TOLERANCE, BETA_END, BETA_START, DEFAULT_ALPHA_BAR, DEFAULT_BETAS, PURE_NOISE,
                         SAMPLE_TOLERANCE, T_DEFAULT, betas, fixed_sample, forward_samples, schedules)

INNER_STEPS = (99, 499, 799)  # steps strictly inside the default chain
LAST_STEP = T_DEFAULT - 1


def sample(student, x0, t, noise, alpha_bar, what="q_sample(x0, t, noise, alpha_bar)"):
    """The student's x_t for float64 inputs, checked to have x0's shape."""
    value = student.q_sample(tensor(x0, "float64"), tensor(t, "int64"), tensor(noise, "float64"),
                             tensor(alpha_bar, "float64"))
    return expect_tensor(value, what, shape=x0.shape).array


@check(points=0, precondition=True)
def returns_float_tensors(student):
    """Each function returns a floating-point tensor: betas (T,), ᾱ (T,), x_t of x0's shape"""
    x0, t, noise, alpha_bar = fixed_sample((2, 3), [10, 500], seed=0)
    calls = [(lambda: student.linear_beta_schedule(10), "linear_beta_schedule(10)", (10,)),
             (lambda: student.alpha_bar(tensor(DEFAULT_BETAS[:5], "float64")), "alpha_bar(5 betas)", (5,)),
             (lambda: student.q_sample(tensor(x0, "float64"), tensor(t, "int64"), tensor(noise, "float64"),
                                       tensor(alpha_bar, "float64")), "q_sample(x0 of shape (2, 3), ...)", (2, 3))]
    for call, what, shape in calls:
        try:
            value = call()
        except StudentRaised:
            continue  # not written yet, or wrong: that function's own checks say so; this one is about types
        expect_tensor(value, what, shape=shape)


@check(points=1)
@given(schedule=schedules())
@example(schedule=(5, 0.01, 0.05))
def schedule_is_linear_from_start_to_end(student, schedule):
    """T betas, evenly spaced, the first beta_start and the last beta_end (1e-4 and 0.02 by default)"""
    steps, start, end = schedule
    cases = [(T_DEFAULT, BETA_START, BETA_END, "linear_beta_schedule(1000)",
              student.linear_beta_schedule(T_DEFAULT)),
             (steps, start, end, f"linear_beta_schedule({steps}, {start!r}, {end!r})",
              student.linear_beta_schedule(steps, start, end))]
    for steps, start, end, what, value in cases:
        levels = expect_tensor(value, what, shape=(steps,)).array.astype(np.float64)
        expect_close(levels[[0, -1]], [start, end], f"the first and last of {what}", rtol=1e-6)
        expect_close(np.diff(levels), np.full(steps - 1, (end - start) / (steps - 1)), f"the steps of {what}",
                     rtol=1e-3, atol=1e-9)


@check(points=1)
@given(levels=betas())
@example(levels=np.array([0.1, 0.2, 0.05]))
def alpha_bar_is_the_cumulative_product(student, levels):
    """ᾱ_0 = 1 − β_0 and ᾱ_t = ᾱ_{t−1} (1 − β_t): the running product of 1 − β"""
    value = expect_tensor(student.alpha_bar(tensor(levels, "float64")), "alpha_bar(betas)", shape=levels.shape)
    expect_close(value, np.cumprod(1.0 - levels), "alpha_bar(betas)", **ALPHA_BAR_TOLERANCE)


@check(points=1)
def default_schedule_leaves_almost_pure_noise(student):
    """Over the default schedule ᾱ_t decreases, stays in (0, 1), and ends below 1e-4; halving every β keeps more signal"""
    value = expect_tensor(student.alpha_bar(tensor(DEFAULT_BETAS, "float64")), "alpha_bar(default betas)",
                          shape=(T_DEFAULT,)).array
    expect_true(bool(np.all(np.diff(value) < 0)), "alpha_bar(default betas) does not decrease at every step")
    expect_true(bool(np.all((value > 0) & (value < 1))),
                f"alpha_bar(default betas) leaves (0, 1): it runs from {float(value[0])!r} to {float(value[-1])!r}")
    expect_true(value[-1] < PURE_NOISE, f"alpha_bar(default betas)[-1] = {float(value[-1])!r} is not below {PURE_NOISE}",
                detail=f"expected about {DEFAULT_ALPHA_BAR[-1]:.3g}")
    # the anchor: a fixed decreasing curve that ignores the betas passes the lines above; less noise at
    # every step must leave more of the signal at the end
    halved = expect_tensor(student.alpha_bar(tensor(DEFAULT_BETAS / 2, "float64")), "alpha_bar(default betas / 2)",
                           shape=(T_DEFAULT,)).array
    expect_true(bool(np.isfinite(halved[-1])) and halved[-1] > value[-1],
                f"alpha_bar(default betas / 2)[-1] = {float(halved[-1])!r} is not above alpha_bar(default betas)[-1] = "
                f"{float(value[-1])!r}: halving the noise must keep more of the signal")


@check(points=1)
def q_sample_uses_square_roots(student):
    """x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε: x_0 is scaled by √ᾱ_t, the noise by √(1 − ᾱ_t)"""
    ones, zeros = np.ones((2, 2, 2, 2)), np.zeros((2, 2, 2, 2))
    for step in INNER_STEPS:
        t = np.full(2, step)
        signal = sample(student, ones, t, zeros, DEFAULT_ALPHA_BAR, f"q_sample(ones, t={step}, noise=zeros)")
        expect_close(signal, np.full_like(ones, np.sqrt(DEFAULT_ALPHA_BAR[step])),
                     f"q_sample(ones, t={step}, noise=zeros)", **SAMPLE_TOLERANCE)
        noise = sample(student, zeros, t, ones, DEFAULT_ALPHA_BAR, f"q_sample(zeros, t={step}, noise=ones)")
        expect_close(noise, np.full_like(ones, np.sqrt(1 - DEFAULT_ALPHA_BAR[step])),
                     f"q_sample(zeros, t={step}, noise=ones)", **SAMPLE_TOLERANCE)


@check(points=1)
@given(value=forward_samples(shapes=st.tuples(st.integers(2, 4), st.just(2), st.just(3), st.just(3))))
@example(value=fixed_sample((3, 2, 3, 3), [10, 500, 900], seed=1))
def each_sample_uses_its_own_step(student, value):
    """In a batch, sample i is noised to its own step t[i], as if it were sampled alone, and the step matters"""
    x0, t, noise, alpha_bar = value
    batch = sample(student, x0, t, noise, alpha_bar)
    for i in range(x0.shape[0]):
        alone = sample(student, x0[i:i + 1], t[i:i + 1], noise[i:i + 1], alpha_bar,
                       f"q_sample(sample {i} alone, t={t[i]})")
        if not np.allclose(batch[i], alone[0], **SAMPLE_TOLERANCE):
            raise CheckFailed(f"sample {i} of q_sample(batch, t={t.tolist()}) differs from q_sample on it alone "
                              f"with t = {t[i]}")
    # the anchor: the same x_0 and noise at two different steps (different ᾱ) must give different x_t
    first, last = 0, alpha_bar.size - 1  # ᾱ strictly decreases (every β > 0): the two ends differ most
    twice = sample(student, np.stack([x0[0], x0[0]]), np.array([first, last]), np.stack([noise[0], noise[0]]),
                   alpha_bar, f"q_sample(sample 0 twice, t=[{first}, {last}])")
    expect_true(bool(np.all(np.isfinite(twice))) and not np.allclose(twice[0], twice[1], rtol=1e-9, atol=1e-12),
                f"q_sample gives sample 0 the same x_t at steps {first} and {last}: x_t must depend on t")


@check(points=1)
def empirical_moments_match_the_marginal(student):
    """Over 20000 noise draws, x_t has mean √ᾱ_t x_0 and variance 1 − ᾱ_t"""
    draws, step = 20_000, 299
    x0 = np.tile([-1.0, 0.5, 2.0], (draws, 1))  # (n, 3): the same x_0 in every row
    noise = np.random.default_rng(0).standard_normal(x0.shape)  # (n, 3)
    x_t = sample(student, x0, np.full(draws, step), noise, DEFAULT_ALPHA_BAR,
                 f"q_sample(x0, t={step}, noise) for {draws} draws")
    a = DEFAULT_ALPHA_BAR[step]
    standard_error = np.sqrt((1 - a) / draws)
    expect_close(x_t.mean(axis=0), np.sqrt(a) * x0[0], f"the mean of x_t over {draws} draws",
                 rtol=0, atol=5 * standard_error)
    expect_close(x_t.var(axis=0), np.full(3, 1 - a), f"the variance of x_t over {draws} draws",
                 rtol=0, atol=5 * (1 - a) * np.sqrt(2 / draws))


@check(points=1)
def the_chains_ends(student):
    """Edge: a one-step schedule is [beta_start]; ᾱ of one beta is [1 − β]; q_sample at t = 0 and t = T − 1"""
    one = expect_tensor(student.linear_beta_schedule(1, 0.01, 0.05), "linear_beta_schedule(1, 0.01, 0.05)",
                        shape=(1,))
    expect_close(one, [0.01], "linear_beta_schedule(1, 0.01, 0.05)", rtol=1e-6)
    single = expect_tensor(student.alpha_bar(tensor([0.3], "float64")), "alpha_bar([0.3])", shape=(1,))
    expect_close(single, [0.7], "alpha_bar([0.3])", **ALPHA_BAR_TOLERANCE)
    ones = np.ones((2, 3))
    ends = sample(student, ones, np.array([0, LAST_STEP]), ones, DEFAULT_ALPHA_BAR,
                  f"q_sample(ones, t=[0, {LAST_STEP}], noise=ones)")
    a = DEFAULT_ALPHA_BAR[[0, LAST_STEP]][:, None]  # (2, 1): the first and the last step
    expect_close(ends, np.broadcast_to(np.sqrt(a) + np.sqrt(1 - a), ones.shape),
                 f"q_sample(ones, t=[0, {LAST_STEP}], noise=ones)", **SAMPLE_TOLERANCE)
