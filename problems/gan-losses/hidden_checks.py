"""Hidden checks: agreement with the reference on batches of different sizes."""

import numpy as np
import torch
from hypothesis import example, given

from gradekit.calc import gan_losses as reference
from gradekit.grading.api import check, expect_close

from .public_checks import loss
from .strategies import batches


def reference_loss(name: str, *arrays: np.ndarray) -> float:
    """The reference in float64 on the very float32 values the student received."""
    return float(getattr(reference, name)(*(torch.from_numpy(a.astype(np.float64)) for a in arrays)))


@check(points=1)
@given(real=batches(-8.0, 8.0), fake=batches(-8.0, 8.0))
@example(real=np.array([2.0, -1.0, 0.5], dtype=np.float32), fake=np.array([-3.0, 0.7], dtype=np.float32))
def bce_losses_match_the_reference(student, real, fake):
    """The three BCE losses match the reference on logits in [-8, 8], real and fake batches of different sizes"""
    pairs = [("discriminator_bce_loss", (real, fake)), ("generator_saturating_loss", (fake,)),
             ("generator_nonsaturating_loss", (fake,))]
    for name, arrays in pairs:
        expect_close(loss(student, name, *arrays, what=name), reference_loss(name, *arrays), name, rtol=1e-4, atol=1e-5)


@check(points=1)
@given(real=batches(-2.0, 3.0), fake=batches(-2.0, 3.0))
@example(real=np.array([0.2, 1.5, -0.5], dtype=np.float32), fake=np.array([0.9, 0.1], dtype=np.float32))
def ls_losses_match_the_reference(student, real, fake):
    """The two least-squares losses match the reference on raw outputs in [-2, 3], batches of different sizes"""
    pairs = [("discriminator_ls_loss", (real, fake)), ("generator_ls_loss", (fake,))]
    for name, arrays in pairs:
        expect_close(loss(student, name, *arrays, what=name), reference_loss(name, *arrays), name, rtol=1e-5, atol=1e-6)
