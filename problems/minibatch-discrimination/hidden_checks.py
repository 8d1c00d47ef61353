"""Hidden checks: agreement with the reference, values and gradients, and at the edges of the kernel's shape."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.minibatch_discrimination import minibatch_features as reference
from gradekit.grading.api import check, expect_close, expect_tensor, expect_true, tensor

from .strategies import (
    FEATURE_TOLERANCE,
    GRADIENT_TOLERANCE,
    ORDINARY_F,
    ORDINARY_T,
    minibatches,
    minibatches_with_a_side_of_one,
)


def expect_reference_values(student, f, T):
    value = student.minibatch_features(tensor(f, "float64"), tensor(T, "float64"))
    what = f"minibatch_features(f of shape {f.shape}, T of shape {T.shape})"
    value = expect_tensor(value, what, shape=(f.shape[0], T.shape[1]))
    expected = reference(torch.from_numpy(f), torch.from_numpy(T))
    expect_close(value, expected.numpy(), what, **FEATURE_TOLERANCE)


@check(points=1)
@given(batch=minibatches())
@example(batch=(ORDINARY_F, ORDINARY_T))
def matches_reference(student, batch):
    """The features match the reference on random minibatches and kernels"""
    expect_reference_values(student, *batch)


@check(points=1)
@given(batch=minibatches(samples=st.integers(2, 5)), seed=st.integers(0, 2**32 - 1))
@example(batch=(ORDINARY_F, ORDINARY_T), seed=0)
def gradients_reach_f_and_T(student, batch, seed):
    """Back-propagating through the features gives the reference's gradients for f and T"""
    f, T = batch
    cotangent = np.random.default_rng(seed).normal(size=(f.shape[0], T.shape[1]))  # (N, B)
    _, grads = student.vjp("minibatch_features", tensor(f, "float64", requires_grad=True),
                           tensor(T, "float64", requires_grad=True), wrt=(0, 1),
                           cotangent=tensor(cotangent, "float64"))
    inputs = [torch.from_numpy(f).requires_grad_(), torch.from_numpy(T).requires_grad_()]
    (reference(*inputs) * torch.from_numpy(cotangent)).sum().backward()
    for name, grad, want in zip(("f", "T"), grads, inputs):
        expect_true(grad is not None, f"no gradient reached {name}: are the features computed with torch?")
        grad = expect_tensor(grad, f"the gradient of {name}", shape=tuple(want.shape))
        expect_close(grad, want.grad.numpy(), f"the gradient of {name}", **GRADIENT_TOLERANCE)


@check(points=1)
@given(batch=minibatches_with_a_side_of_one())
@example(batch=(ORDINARY_F, ORDINARY_T[:, :1, :]))
@example(batch=(ORDINARY_F[:, :1], ORDINARY_T[:1]))  # one feature, kernels of 3 x 2: slicing T wrongly shows
def matches_reference_for_one_feature_kernel_or_column(student, batch):
    """Edge: a single feature (A = 1), a single kernel (B = 1) or a single column (C = 1) gives the reference's values"""
    expect_reference_values(student, *batch)
