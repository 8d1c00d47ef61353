"""Hidden checks: the losses against the reference, and the trained generator's points."""

import numpy as np

from gradekit.calc.toy_gan import discriminator_loss as reference_d_loss
from gradekit.calc.toy_gan import generator_loss as reference_g_loss
from gradekit.grading.api import check
from gradekit.grading.gan_loss_checks import GanLosses, losses_match_the_reference_check

from .metrics import PROBLEM, TRAINING, measure

LOSSES = GanLosses(reference_d_loss, reference_g_loss, scores="logits", scales=(1.0, 5.0, 40.0))

losses_match_the_reference = losses_match_the_reference_check(
    LOSSES, points=3,
    example_pair=(np.array([[40.0], [-3.0]], np.float32), np.array([[25.0], [-60.0], [0.5]], np.float32)))


@check(points=3)
def generated_points_lie_on_the_curve(student):
    """After training, the generated points lie near the curve y = x^2 and spread along it"""
    metrics = measure(student)
    after = f"after {metrics['steps']} training steps"
    # anchored (decision 1): points collapsed onto one point of the curve lie on it too, but do not spread
    PROBLEM.threshold("x_spread").judge(metrics["x_spread"], "the standard deviation of the generated x", after=after)
    return PROBLEM.threshold("curve_distance").judge(
        metrics["curve_distance"], f"the mean distance of {TRAINING.samples} generated points to the curve",
        after=after)


@check(points=3)
def generated_points_cover_the_x_range(student):
    """After training, the generated points near the curve spread over its whole x-range [-1, 1]: no mode collapse"""
    metrics = measure(student)
    return PROBLEM.threshold("x_coverage").judge(
        metrics["x_coverage"], "the share of 20 equal bins of x in [-1, 1] holding a quarter of their uniform share "
                               "of points within 0.1 of the curve",
        after=f"after {metrics['steps']} training steps")
