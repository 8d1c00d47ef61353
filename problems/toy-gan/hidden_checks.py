"""Hidden checks: the losses against the reference, and the trained generator's points."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.toy_gan import discriminator_loss as reference_d_loss
from gradekit.calc.toy_gan import generator_loss as reference_g_loss
from gradekit.grading.api import check, expect_close, expect_real, expect_tensor, expect_true, tensor

from .metrics import THRESHOLDS, TRAINING, measure


@st.composite
def logits(draw):
    """Discriminator logits (B, 1) for real and fake points; some large enough to saturate a sigmoid."""
    batch_real, batch_fake = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    scale = draw(st.sampled_from([1.0, 5.0, 40.0]))
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    return (scale * rng.standard_normal((batch_real, 1))).astype(np.float32), \
        (scale * rng.standard_normal((batch_fake, 1))).astype(np.float32)


def loss_value(value, what: str) -> float:
    return expect_real(expect_tensor(value, what, shape=()).array, what)


@check(points=3)
@given(pair=logits())
@example(pair=(np.array([[40.0], [-3.0]], np.float32), np.array([[25.0], [-60.0], [0.5]], np.float32)))
def losses_match_the_reference(student, pair):
    """Both losses match the reference on logits of any size, batches of real and fake of different sizes"""
    real, fake = pair
    d_loss = loss_value(student.discriminator_loss(tensor(real), tensor(fake)), "discriminator_loss(real, fake)")
    g_loss = loss_value(student.generator_loss(tensor(fake)), "generator_loss(fake)")
    expect_close(d_loss, float(reference_d_loss(torch.from_numpy(real), torch.from_numpy(fake))),
                 "discriminator_loss(real_logits, fake_logits)", rtol=1e-4, atol=1e-5)
    expect_close(g_loss, float(reference_g_loss(torch.from_numpy(fake))), "generator_loss(fake_logits)",
                 rtol=1e-4, atol=1e-5)


@check(points=3)
def generated_points_lie_on_the_curve(student):
    """After training, the generated points lie near the curve y = x^2: mean distance below the threshold"""
    metrics = measure(student)
    limit = THRESHOLDS["curve_distance_max"]
    expect_true(metrics["curve_distance"] <= limit,
                f"the mean distance of {TRAINING['samples']} generated points to the curve is "
                f"{metrics['curve_distance']:.4f} after {metrics['steps']} of {TRAINING['steps']} training steps; "
                f"it should be at most {limit:g}")
    return f"mean distance to the curve {metrics['curve_distance']:.4f}, at most {limit:g}"


@check(points=3)
def generated_points_cover_the_x_range(student):
    """After training, the generated points spread over the whole x-range [-1, 1]: no mode collapse"""
    metrics = measure(student)
    limit = THRESHOLDS["x_coverage_min"]
    expect_true(metrics["x_coverage"] >= limit,
                f"the generated points cover {metrics['x_coverage']:.0%} of 20 equal bins of x in [-1, 1] (a bin "
                f"counts when it holds a quarter of its uniform share) after {metrics['steps']} training steps; "
                f"they should cover at least {limit:.0%}")
    return f"{metrics['x_coverage']:.0%} of the x-range covered, at least {limit:.0%}"
