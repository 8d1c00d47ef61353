"""Hidden checks: the losses against the reference, and the trained generator's digits."""

import numpy as np

from gradekit.calc.cgan import discriminator_loss as reference_d_loss
from gradekit.calc.cgan import generator_loss as reference_g_loss
from gradekit.grading.api import check
from gradekit.grading.gan_loss_checks import GanLosses, losses_match_the_reference_check

from .metrics import PROBLEM, TRAINING, measure

LOSSES = GanLosses(reference_d_loss, reference_g_loss, scores="logits", scales=(1.0, 5.0, 40.0))

losses_match_the_reference = losses_match_the_reference_check(
    LOSSES, points=2,
    example_pair=(np.array([[40.0], [-3.0]], np.float32), np.array([[25.0], [-60.0], [0.5]], np.float32)),
    description="discriminator_loss is the sum of the two BCE means and generator_loss the non-saturating one, "
                "on logits")


@check(points=5)
def samples_show_the_asked_for_digit(student):
    """After training, a digit classifier recognises the asked-for label in the generated samples"""
    metrics = measure(student)
    return PROBLEM.threshold("label_accuracy").judge(
        metrics["label_accuracy"], f"the share of {10 * TRAINING.per_label} samples the digit classifier reads as "
                                   "the asked-for label", after=f"after {metrics['steps']} training steps")


@check(points=4)
def samples_have_a_low_fid(student):
    """After training, the FID of the samples against the training digits is below the threshold"""
    metrics = measure(student)
    return PROBLEM.threshold("fid").judge(
        metrics["fid"], f"the FID of {10 * TRAINING.per_label} samples against the training digits",
        after=f"after {metrics['steps']} training steps")
