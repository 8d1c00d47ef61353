"""Hidden checks: the least-squares losses against the reference, and the trained generator's FID."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.dcgan import discriminator_loss as reference_d_loss
from gradekit.calc.dcgan import generator_loss as reference_g_loss
from gradekit.grading.api import check, expect_close, expect_real, expect_tensor, expect_true, tensor

from .metrics import THRESHOLDS, TRAINING, measure


@st.composite
def scores(draw):
    """Raw discriminator scores (B, 1) for real and fake images, batches of different sizes, any sign."""
    batch_real, batch_fake = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    scale = draw(st.sampled_from([0.5, 2.0, 10.0]))
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    return (scale * rng.standard_normal((batch_real, 1))).astype(np.float32), \
        (scale * rng.standard_normal((batch_fake, 1))).astype(np.float32)


def loss_value(value, what: str) -> float:
    return expect_real(expect_tensor(value, what, shape=()).array, what)


@check(points=3)
@given(pair=scores())
@example(pair=(np.array([[0.0], [2.0], [3.5]], np.float32), np.array([[1.0], [-1.0]], np.float32)))
def least_squares_losses_match_the_reference(student, pair):
    """Both least-squares losses match the reference on raw scores of any sign, batches of different sizes"""
    real, fake = pair
    d_loss = loss_value(student.discriminator_loss(tensor(real), tensor(fake)), "discriminator_loss(d_real, d_fake)")
    g_loss = loss_value(student.generator_loss(tensor(fake)), "generator_loss(d_fake)")
    expect_close(d_loss, float(reference_d_loss(torch.from_numpy(real), torch.from_numpy(fake))),
                 "discriminator_loss(d_real, d_fake)", rtol=1e-4, atol=1e-5)
    expect_close(g_loss, float(reference_g_loss(torch.from_numpy(fake))), "generator_loss(d_fake)",
                 rtol=1e-4, atol=1e-5)


@check(points=5)
def generated_faces_have_a_low_fid(student):
    """After training, the FID of generated images against the training faces is below the threshold"""
    metrics = measure(student)
    limit = THRESHOLDS["fid_max"]
    snapshots = ", ".join(str(step) for step in TRAINING["snapshot_steps"])
    expect_true(metrics["fid"] <= limit,
                f"the FID of {TRAINING['samples']} generated images against the training faces is "
                f"{metrics['fid']:.1f} at best, of the generator's snapshots after iterations {snapshots} "
                f"({metrics['steps']} training steps taken); it should be at most {limit:g}")
    return f"FID {metrics['fid']:.1f} at best, at most {limit:g}"
