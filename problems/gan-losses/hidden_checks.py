"""Hidden checks: agreement with the reference on batches of different sizes, and on batches of one."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc import gan_losses as reference
from gradekit.grading.api import check, expect_close

from .public_checks import loss
from .strategies import batches

BCE_NAMES = ("discriminator_bce_loss", "generator_saturating_loss", "generator_nonsaturating_loss")
LS_NAMES = ("discriminator_ls_loss", "generator_ls_loss")


def reference_loss(name: str, *arrays: np.ndarray) -> float:
    """The reference in float64 on the very float32 values the student received."""
    return float(getattr(reference, name)(*(torch.from_numpy(a.astype(np.float64)) for a in arrays)))


def expect_reference_losses(student, names, real, fake, rtol, atol):
    for name in names:
        arrays = (real, fake) if name.startswith("discriminator") else (fake,)
        expect_close(loss(student, name, *arrays, what=f"{name} on batches of {[len(a) for a in arrays]}"),
                     reference_loss(name, *arrays), name, rtol=rtol, atol=atol)


@check(points=1)
@given(real=batches(-8.0, 8.0), fake=batches(-8.0, 8.0))
@example(real=np.array([2.0, -1.0, 0.5], dtype=np.float32), fake=np.array([-3.0, 0.7], dtype=np.float32))
def bce_losses_match_the_reference(student, real, fake):
    """The three BCE losses match the reference on logits in [-8, 8], real and fake batches of different sizes"""
    expect_reference_losses(student, BCE_NAMES, real, fake, rtol=1e-4, atol=1e-5)


@check(points=1)
@given(real=batches(-2.0, 3.0), fake=batches(-2.0, 3.0))
@example(real=np.array([0.2, 1.5, -0.5], dtype=np.float32), fake=np.array([0.9, 0.1], dtype=np.float32))
def ls_losses_match_the_reference(student, real, fake):
    """The two least-squares losses match the reference on raw outputs in [-2, 3], batches of different sizes"""
    expect_reference_losses(student, LS_NAMES, real, fake, rtol=1e-5, atol=1e-6)


@check(points=1)
@given(real=batches(-3.0, 3.0, size=st.integers(1, 4)), fake=batches(-3.0, 3.0, size=st.just(1)))
@example(real=np.array([0.7], dtype=np.float32), fake=np.array([-1.2], dtype=np.float32))
def losses_of_a_batch_of_one_match_the_reference(student, real, fake):
    """Edge: a batch of one sample (m = 1) gives every loss the reference's value"""
    expect_reference_losses(student, BCE_NAMES, real, fake, rtol=1e-4, atol=1e-5)
    expect_reference_losses(student, LS_NAMES, real, fake, rtol=1e-5, atol=1e-6)
