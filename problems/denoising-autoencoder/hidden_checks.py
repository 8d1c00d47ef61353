"""Hidden checks: the loss against the reference, and the trained denoiser on held-out digits."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.denoising_autoencoder import denoising_loss
from gradekit.grading.api import (attach_figure, check, expect_close, expect_real, expect_tensor, expect_true,
                                  tensor)

from .metrics import PROBLEM, denoising_figure, measure


@check(points=1)
@given(batch=st.integers(1, 6), pixels=st.integers(1, 100), seed=st.integers(0, 2**16))
@example(batch=3, pixels=5, seed=0)
def denoising_loss_matches_the_reference(student, batch, pixels, seed):
    """denoising_loss sums the squared error over each image's pixels and averages over the batch"""
    denoised, clean = np.random.default_rng(seed).random((2, batch, pixels), dtype=np.float32)
    value = student.denoising_loss(tensor(denoised), tensor(clean))
    got = expect_real(expect_tensor(value, "denoising_loss(denoised, clean)", shape=()).array, "denoising_loss")
    want = float(denoising_loss(torch.from_numpy(denoised), torch.from_numpy(clean)))
    expect_close(got, want, f"denoising_loss on rows of shape {(batch, pixels)}", rtol=1e-5)


COPYING_GAIN_DB = 1.0  # anchor: a denoiser that copies its input gains 0 dB in the patch (and keeps the rest)


@check(points=3)
def denoises_the_patch_of_held_out_digits(student):
    """After training, the PSNR inside the noisy patch of held-out digits rises by at least the threshold"""
    metrics = measure(student)
    return PROBLEM.threshold("psnr_gain").judge(
        metrics["psnr_gain"], f"PSNR gain in the patch ({metrics['psnr_patch_noisy']:.2f} dB noisy, "
                              f"{metrics['psnr_patch_denoised']:.2f} dB denoised):", unit="dB", digits=3,
        after=f"after {metrics['steps']} training steps")


@check(points=1)
def keeps_the_clean_pixels(student):
    """After training, the pixels outside the patch come back close to the clean digit, while the patch changes"""
    metrics = measure(student)
    attach_figure(lambda: denoising_figure(student))  # for the feedback; the last check, so no call it makes
    # can take time or a worker from another check
    expect_true(metrics["psnr_gain"] >= COPYING_GAIN_DB,
                f"the output's PSNR inside the patch is {metrics['psnr_gain']:.2f} dB above the noisy input's: "
                "the model copies its input (noise included) rather than restoring the digit")
    return PROBLEM.threshold("psnr_outside_denoised").judge(
        metrics["psnr_outside_denoised"], "PSNR outside the patch", unit="dB", digits=3,
        after=f"after {metrics['steps']} training steps")
