"""Hidden checks: agreement with the reference where a numerically careless sigma shows."""

import numpy as np
import torch
from hypothesis import example, given

from gradekit.calc.reparameterize import reparameterize as reference
from gradekit.grading.api import check, expect_close

from .public_checks import sample
from .strategies import gaussian_inputs


@check(points=1)
@given(inputs=gaussian_inputs(logvar_range=(-120.0, 120.0)))
@example(inputs=tuple(np.array(v, dtype=np.float32) for v in ([0.5, -1.0], [100.0, -110.0], [1.5, -0.5])))
def matches_reference_for_extreme_log_variances(student, inputs):
    """Matches the reference for log sigma^2 in [-120, 120], where exp(logvar) overflows float32"""
    mu, logvar, eps = inputs
    z = sample(student, mu, logvar, eps, "reparameterize(mu, logvar, eps)")
    # the reference in float64 on the very float32 values the student received
    expected = reference(*(torch.from_numpy(a.astype(np.float64)) for a in (mu, logvar, eps))).numpy()
    expect_close(z, expected, "reparameterize(mu, logvar, eps)", rtol=1e-5, atol=1e-5)
