"""Hidden checks: agreement with the reference where a numerically careless sigma shows, and at the edges."""

import numpy as np
import torch
from hypothesis import example, given

from gradekit.calc.reparameterize import reparameterize as reference
from gradekit.grading.api import check, expect_close

from .public_checks import sample
from .strategies import gaussian_inputs, shapes_with_a_side_of_one


def expect_reference_values(student, mu, logvar, eps):
    z = sample(student, mu, logvar, eps, f"reparameterize of inputs of shape {mu.shape}")
    # the reference in float64 on the very float32 values the student received
    expected = reference(*(torch.from_numpy(a.astype(np.float64)) for a in (mu, logvar, eps))).numpy()
    expect_close(z, expected, f"reparameterize of inputs of shape {mu.shape}", rtol=1e-5, atol=1e-5)


@check(points=1)
@given(inputs=gaussian_inputs(logvar_range=(-120.0, 120.0)))
@example(inputs=tuple(np.array(v, dtype=np.float32) for v in ([0.5, -1.0], [100.0, -110.0], [1.5, -0.5])))
def matches_reference_for_extreme_log_variances(student, inputs):
    """Matches the reference for log sigma^2 in [-120, 120], where exp(logvar) overflows float32"""
    expect_reference_values(student, *inputs)


@check(points=1)
@given(inputs=gaussian_inputs(shapes=shapes_with_a_side_of_one()))
@example(inputs=tuple(np.array(v, dtype=np.float32) for v in ([[0.5, -1.0, 2.0]], [[1.0, 0.0, -2.0]],
                                                                [[1.5, -0.5, 0.25]])))
def matches_reference_for_sides_of_one(student, inputs):
    """Edge: a batch of one, a single latent dimension or a single value keeps its shape and value"""
    expect_reference_values(student, *inputs)
