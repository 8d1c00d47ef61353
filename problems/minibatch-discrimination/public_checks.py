"""Public checks: the worked example and what the self term and L1 norm imply.

A law that a degenerate function satisfies (ones satisfy "a batch of one gives 1", N or a count of
exact duplicates satisfies "identical samples give N", a constant satisfies a bound) carries an
anchor in the same check: the features must also respond, continuously, to where the other samples are.
"""

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.grading.api import check, expect_between, expect_close, expect_tensor, expect_true, show, tensor

from .strategies import (EXAMPLE_F, EXAMPLE_FEATURES, EXAMPLE_T, FEATURE_TOLERANCE, ORDINARY_F, ORDINARY_T,
                         identical_minibatches, minibatches)


def features(student, f, T, what="minibatch_features(f, T)"):
    """The student's features for float64 ``f`` and ``T``, checked to have shape (N, B)."""
    value = student.minibatch_features(tensor(f, "float64"), tensor(T, "float64"))
    return expect_tensor(value, what, shape=(f.shape[0], T.shape[1])).array


# The worked example's kernels with a second feature (A = 2): one feature is an edge (its own hidden check),
# so the main checks give every sample a second feature, the same for all, which leaves the distances alone.
SECOND_FEATURE_T = [[0.25, -0.75], [1.0, 0.5]]  # (B, C): feature 1's rows of T
TWO_FEATURE_T = np.array([EXAMPLE_T[0], SECOND_FEATURE_T])  # (A = 2, B = 2, C = 2)


def with_second_feature(values, second: float) -> list:
    """Samples at ``values`` along feature 0, all at ``second`` along feature 1: f of shape (N, 2)."""
    return [[float(np.ravel(v)[0]), second] for v in values]


def first_sample_features(student, f, what):
    """Sample 0's features in a batch ``f`` (N, 2) of the worked example's kernels with a second feature
    (``TWO_FEATURE_T``: [[[1, 1], [0.5, -0.5]], [[0.25, -0.75], [1, 0.5]]], the T of the messages)."""
    return features(student, np.array(f), TWO_FEATURE_T, what)[0]


# The fixed batches below are asked where a drawn shift moves every sample alike (the distances, so the
# features, stay the same): a table of the batches as written earns nothing.
SHIFTS = st.integers(-4, 4).map(lambda k: k / 4)
STEPS = st.sampled_from([0.5, 1.0, 1.5])  # how far the second sample of a batch of two is
NUDGES = st.sampled_from([-0.2, -0.15, -0.1, 0.1, 0.15, 0.2])  # a sample moved a little: L1 distances <= 0.4


@check(points=0, precondition=True)
def output_has_one_feature_per_kernel(student):
    """f of shape (N, A) and T of shape (A, B, C) give features of shape (N, B)"""
    features(student, np.ones((3, 2)), np.ones((2, 4, 3)), "minibatch_features(f of shape (3, 2), T of shape (2, 4, 3))")


@check(points=2, max_examples=10)
@given(shift=SHIFTS, second=SHIFTS, kernels=st.permutations(range(2)), swap=st.booleans())
@example(shift=0.0, second=0.0, kernels=[0, 1], swap=False)
def worked_example(student, shift, second, kernels, swap):
    """The statement's two-sample example: o = [1 + e^-2, 1 + e^-1] for both samples (L1 distances); both samples
    moved alike, given a second feature alike, the samples or the kernels in another order, the features stay
    (or follow the kernels)"""
    f = np.array(EXAMPLE_F)[::-1] if swap else np.array(EXAMPLE_F)
    f = np.array(with_second_feature(f + shift, second))
    T = TWO_FEATURE_T[:, list(kernels)]
    what = f"minibatch_features(f = {f.tolist()}, T = {T.tolist()})"
    value = features(student, f, T, what)
    expect_close(value, np.array(EXAMPLE_FEATURES)[:, list(kernels)], what, **FEATURE_TOLERANCE)


@check(points=2)
@given(batch=minibatches(samples=st.just(1)), shift=SHIFTS, step=STEPS)
@example(batch=(ORDINARY_F[:1], ORDINARY_T), shift=0.0, step=1.0)
def a_batch_of_one_gives_ones(student, batch, shift, step):
    """Edge: a batch of one sample gives 1 on every feature (the sum over j includes j = i), a batch of two does not"""
    value = features(student, *batch, "minibatch_features(a batch of one)")
    expect_close(value, np.ones_like(value), "minibatch_features(a batch of one)", **FEATURE_TOLERANCE)
    # the anchor: ones everywhere would pass the line above; a second sample must count, by its distance
    near_f = with_second_feature([shift, shift + step], 0.5)
    far_f = with_second_feature([shift, shift + 2 * step], 0.5)
    near = first_sample_features(student, near_f, f"minibatch_features(f = {near_f}, T)")
    far = first_sample_features(student, far_f, f"minibatch_features(f = {far_f}, T)")
    expect_true(bool(np.all(np.isfinite(near)) and np.all(near != far)),
                f"sample 0's features are {show(near)} with the other sample at {shift + step} and {show(far)} "
                f"with it at {shift + 2 * step}: moving the other sample must change them")


@check(points=2)
@given(batch=identical_minibatches(), shift=SHIFTS, nudge=NUDGES)
@example(batch=(np.repeat(ORDINARY_F[:1], 3, axis=0), ORDINARY_T), shift=0.5, nudge=0.1)
def identical_samples_give_n(student, batch, shift, nudge):
    """A batch of N identical samples gives N on every feature, the largest closeness; moving one a little lowers it a little"""
    f, T = batch
    value = features(student, f, T, f"minibatch_features({f.shape[0]} identical samples)")
    expect_close(value, np.full_like(value, f.shape[0]), f"minibatch_features({f.shape[0]} identical samples)",
                 **FEATURE_TOLERANCE)
    # the anchor: answering N (or counting exact duplicates) would pass the line above; closeness is
    # continuous, so a sample moved a little away lowers the others' features a little: into (N - 1, N)
    moved = with_second_feature([shift, shift, shift + nudge], -0.5)
    apart = first_sample_features(student, moved, f"minibatch_features(f = {moved}, T)")
    expect_true(bool(np.all(np.isfinite(apart)) and np.all((apart > 2) & (apart < 3))),
                f"with one of three samples moved a little away, sample 0's features are {show(apart)}: "
                f"they should fall a little below N = 3, staying above 2")


@check(points=1)
@given(batch=minibatches())
@example(batch=(ORDINARY_F, ORDINARY_T))
def features_lie_between_one_and_n(student, batch):
    """Every feature lies in (1, N] (each other sample adds exp(-d) in (0, 1]); a copy of sample 0 adds exactly 1"""
    f, T = batch
    value = features(student, f, T)
    n = f.shape[0]
    expect_between(value, 1 - 1e-6, n + 1e-6, f"minibatch_features(f, T) for N = {n}")
    # strictly above 1 asked of the batch drawn 16 times closer together (L1 distances at most 2 there), where
    # exp(-d) is not lost in float32 rounding of 1 + exp(-d)
    close = features(student, f / 16, T, "minibatch_features(f / 16, T)")
    expect_true(bool(np.all(close > 1)), f"minibatch_features(f / 16, T) for N = {n} is {show(close)}: with other "
                                         f"samples in the batch every feature exceeds 1 (exp(-d) > 0 for any "
                                         f"distance d)")
    # the anchor: a constant in [1, N] would pass the bound; the copy's closeness to sample 0 is exp(0) = 1
    grown = features(student, np.concatenate([f, f[:1]]), T, "minibatch_features(f with a copy of sample 0 appended)")
    expect_close(grown[0], value[0] + 1, "sample 0's features with a copy of it appended", **FEATURE_TOLERANCE)
