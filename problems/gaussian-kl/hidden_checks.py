"""Hidden checks: agreement with the reference on ordinary batches and at the edges (one sample, one dimension)."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.gaussian_kl import gaussian_kl as reference
from gradekit.grading.api import check, expect_close

from .public_checks import kl_per_sample
from .strategies import encoder_outputs, fixed_pair


def expect_reference_values(student, mu: np.ndarray, logvar: np.ndarray) -> None:
    kl = kl_per_sample(student, mu, logvar, f"gaussian_kl of inputs of shape {mu.shape}")
    # the reference in float64 on the very float32 values the student received
    expected = reference(torch.from_numpy(mu.astype(np.float64)),
                         torch.from_numpy(logvar.astype(np.float64))).numpy()
    expect_close(kl, expected, f"gaussian_kl of inputs of shape {mu.shape}", rtol=1e-5, atol=1e-4)


@check(points=1)
@given(pair=encoder_outputs(latent=st.integers(2, 32), mu_range=(-4.0, 4.0), logvar_range=(-6.0, 6.0)))
@example(pair=fixed_pair(mu=[[0.5, -3.0, 0.0], [4.0, 0.1, -1.0]], logvar=[[-6.0, 0.0, 5.5], [1.0, -2.5, 0.2]]))
def matches_reference_on_wide_encoder_outputs(student, pair):
    """Matches the reference for up to 32 latent dimensions and log sigma^2 in [-6, 6]"""
    expect_reference_values(student, *pair)


@check(points=1)
@given(pair=encoder_outputs(batch=st.just(1)))
@example(pair=fixed_pair(mu=[[0.5, -2.0, 1.0]], logvar=[[1.0, -0.5, 0.0]]))
def matches_reference_for_a_batch_of_one(student, pair):
    """Edge: a batch of one sample gives a tensor of shape (1,), the reference's value"""
    expect_reference_values(student, *pair)


@check(points=1)
@given(pair=encoder_outputs(latent=st.just(1)))
@example(pair=fixed_pair(mu=[[0.5], [-2.0], [0.0]], logvar=[[1.0], [0.0], [-3.0]]))
def matches_reference_for_one_latent_dimension(student, pair):
    """Edge: a single latent dimension (shape (batch, 1)) gives the reference's values"""
    expect_reference_values(student, *pair)
