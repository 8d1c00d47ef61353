"""Hidden checks: the least-squares losses against the reference, and the trained generator's FID."""

import numpy as np

from gradekit.calc.dcgan import discriminator_loss as reference_d_loss
from gradekit.calc.dcgan import generator_loss as reference_g_loss
from gradekit.grading.api import check
from gradekit.grading.gan_loss_checks import GanLosses, losses_match_the_reference_check

from .metrics import PROBLEM, TRAINING, measure

LOSSES = GanLosses(reference_d_loss, reference_g_loss, scores="raw scores", scales=(0.5, 2.0, 10.0))

least_squares_losses_match_the_reference = losses_match_the_reference_check(
    LOSSES, points=3, name="least_squares_losses_match_the_reference",
    example_pair=(np.array([[0.0], [2.0], [3.5]], np.float32), np.array([[1.0], [-1.0]], np.float32)),
    description="Both least-squares losses match the reference on raw scores of any sign, batches of different sizes")


@check(points=5)
def generated_faces_have_a_low_fid(student):
    """After training, the FID of generated images against the training faces is below the threshold"""
    metrics = measure(student)
    fids = zip(TRAINING.snapshot_steps, metrics["fids"], strict=True)
    snapshots = ", ".join(f"{step}: {fid:.0f}" for step, fid in fids)
    return PROBLEM.threshold("fid").judge(
        metrics["fid"], f"the best FID of {TRAINING.samples} generated images against the training faces",
        after=f"(after steps {snapshots}) of {metrics['steps']} training steps")
