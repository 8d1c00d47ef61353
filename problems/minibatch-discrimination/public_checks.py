"""Public checks: the worked example and what the self term and L1 norm imply."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.grading.api import check, expect_close, expect_tensor, expect_true, tensor

from .strategies import (EXAMPLE_F, EXAMPLE_FEATURES, EXAMPLE_T, identical_minibatches,
                         minibatches)


def features(student, f, T, what="minibatch_features(f, T)"):
    """The student's features for float64 ``f`` and ``T``, checked to have shape (N, B)."""
    value = student.minibatch_features(tensor(f, "float64"), tensor(T, "float64"))
    return expect_tensor(value, what, shape=(f.shape[0], T.shape[1])).array


@check(points=1)
@given(batch=minibatches())
def output_has_one_feature_per_kernel(student, batch):
    """f of shape (N, A) and T of shape (A, B, C) give features of shape (N, B)"""
    features(student, *batch)


@check(points=2)
def worked_example(student):
    """The statement's two-sample example: o = [1 + e^-2, 1 + e^-1] for both samples (L1 distances)"""
    value = features(student, np.array(EXAMPLE_F), np.array(EXAMPLE_T), "minibatch_features(worked example)")
    expect_close(value, EXAMPLE_FEATURES, "minibatch_features(worked example)", rtol=1e-9)


@check(points=2)
@given(batch=minibatches(samples=st.just(1)))
def a_batch_of_one_gives_ones(student, batch):
    """A batch of one sample gives 1 on every feature: the sum over j includes j = i"""
    value = features(student, *batch, "minibatch_features(a batch of one)")
    expect_close(value, np.ones_like(value), "minibatch_features(a batch of one)", rtol=1e-12)


@check(points=2)
@given(batch=identical_minibatches())
def identical_samples_give_n(student, batch):
    """A batch of N identical samples gives N on every feature, the largest closeness possible"""
    f, T = batch
    value = features(student, f, T, f"minibatch_features({f.shape[0]} identical samples)")
    expect_close(value, np.full_like(value, f.shape[0]), f"minibatch_features({f.shape[0]} identical samples)",
                 rtol=1e-12)


@check(points=1)
@given(batch=minibatches())
def features_lie_between_one_and_n(student, batch):
    """Every feature lies in [1, N]: the self term gives 1, each other sample at most 1 more"""
    f, _ = batch
    value = features(student, *batch)
    n = f.shape[0]
    expect_true(bool(np.all((value >= 1 - 1e-12) & (value <= n + 1e-12))),
                f"minibatch_features(f, T) for N = {n} leaves [1, {n}]: {np.round(value, 6).tolist()}")
