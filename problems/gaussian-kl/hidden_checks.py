"""Hidden checks: agreement with the reference where a wrong convention shows."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.gaussian_kl import gaussian_kl as reference
from gradekit.grading.api import check, expect_close

from .public_checks import kl_per_sample
from .strategies import encoder_outputs


@check(points=2)
@given(pair=encoder_outputs(latent=st.integers(1, 32), mu_range=(-4.0, 4.0), logvar_range=(-6.0, 6.0)))
@example(pair=(np.array([[0.5, -3.0, 0.0], [4.0, 0.1, -1.0]], dtype=np.float32),
               np.array([[-6.0, 0.0, 5.5], [1.0, -2.5, 0.2]], dtype=np.float32)))
def matches_reference_on_wide_encoder_outputs(student, pair):
    """Matches the reference for up to 32 latent dimensions and log sigma^2 in [-6, 6]"""
    mu, logvar = pair
    kl = kl_per_sample(student, mu, logvar, "gaussian_kl(mu, logvar)")
    # the reference in float64 on the very float32 values the student received
    expected = reference(torch.from_numpy(mu.astype(np.float64)),
                         torch.from_numpy(logvar.astype(np.float64))).numpy()
    expect_close(kl, expected, "gaussian_kl(mu, logvar)", rtol=1e-5, atol=1e-4)
