"""Hidden checks: the losses against the reference, and the trained generator's digits."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.cgan import discriminator_loss as reference_d_loss
from gradekit.calc.cgan import generator_loss as reference_g_loss
from gradekit.grading.api import check, expect_close, expect_real, expect_tensor, expect_true, tensor

from .metrics import THRESHOLDS, TRAINING, measure


@st.composite
def logits(draw):
    """Discriminator logits (B, 1) for real and fake pairs; some large enough to saturate a sigmoid."""
    batch_real, batch_fake = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    scale = draw(st.sampled_from([1.0, 5.0, 40.0]))
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    return (scale * rng.standard_normal((batch_real, 1))).astype(np.float32), \
        (scale * rng.standard_normal((batch_fake, 1))).astype(np.float32)


def loss_value(value, what: str) -> float:
    return expect_real(expect_tensor(value, what, shape=()).array, what)


@check(points=2)
@given(pair=logits())
@example(pair=(np.array([[40.0], [-3.0]], np.float32), np.array([[25.0], [-60.0], [0.5]], np.float32)))
def losses_match_the_reference(student, pair):
    """discriminator_loss is the sum of the two BCE means and generator_loss the non-saturating one, on logits"""
    real, fake = pair
    d_loss = loss_value(student.discriminator_loss(tensor(real), tensor(fake)), "discriminator_loss(real, fake)")
    g_loss = loss_value(student.generator_loss(tensor(fake)), "generator_loss(fake)")
    expect_close(d_loss, float(reference_d_loss(torch.from_numpy(real), torch.from_numpy(fake))),
                 "discriminator_loss(real_logits, fake_logits)", rtol=1e-4, atol=1e-5)
    expect_close(g_loss, float(reference_g_loss(torch.from_numpy(fake))), "generator_loss(fake_logits)",
                 rtol=1e-4, atol=1e-5)


@check(points=5)
def samples_show_the_asked_for_digit(student):
    """After training, a digit classifier recognises the asked-for label in the generated samples"""
    metrics = measure(student)
    limit = THRESHOLDS["label_accuracy_min"]
    expect_true(metrics["label_accuracy"] >= limit,
                f"the digit classifier names the asked-for label in {metrics['label_accuracy']:.0%} of "
                f"{10 * TRAINING['per_label']} samples after {metrics['steps']} of {TRAINING['steps']} training "
                f"steps; it should in at least {limit:.0%}")
    return f"the asked-for digit in {metrics['label_accuracy']:.0%} of the samples, at least {limit:.0%}"


@check(points=4)
def samples_have_a_low_fid(student):
    """After training, the FID of the samples against the training digits is below the threshold"""
    metrics = measure(student)
    limit = THRESHOLDS["fid_max"]
    expect_true(metrics["fid"] <= limit,
                f"the FID of {10 * TRAINING['per_label']} samples against the training digits is "
                f"{metrics['fid']:.1f} after {metrics['steps']} of {TRAINING['steps']} training steps; "
                f"it should be at most {limit:g}")
    return f"FID {metrics['fid']:.1f}, at most {limit:g}"
