"""Hidden checks: the reverse step against the reference on other schedules, and the trained model's samples."""

import numpy as np
import torch
from hypothesis import example, given

from gradekit.calc.ddpm import reverse_step as reference_step
from gradekit.grading.api import check, expect_close, expect_tensor, tensor

from .metrics import PROBLEM, TRAINING, measure
from .strategies import fixed_reverse_inputs, reverse_inputs


@check(points=1)
@given(inputs=reverse_inputs())
@example(inputs=fixed_reverse_inputs())
@example(inputs=fixed_reverse_inputs(t=0))
def reverse_step_matches_the_reference(student, inputs):
    """reverse_step matches the reference on other schedules, steps and noise, the first and last step included"""
    t, betas, alpha_bar, x0, eps, noise = inputs
    x_t = np.sqrt(alpha_bar[t]) * x0 + np.sqrt(1 - alpha_bar[t]) * eps
    value = student.reverse_step(tensor(x_t, "float64"), t, tensor(eps, "float64"), tensor(betas, "float64"),
                                 tensor(alpha_bar, "float64"), tensor(noise, "float64"))
    got = expect_tensor(value, f"reverse_step(x_t, {t}, eps, betas, alpha_bar, noise)", shape=x_t.shape)
    as_tensor = torch.from_numpy
    want = reference_step(as_tensor(x_t), t, as_tensor(eps), as_tensor(betas), as_tensor(alpha_bar),
                          as_tensor(noise)).numpy()
    expect_close(got, want, f"reverse_step(x_t, {t}, eps, betas, alpha_bar, noise) on a {len(betas)}-step schedule",
                 rtol=1e-5, atol=1e-6)


@check(points=5)
def samples_of_the_trained_model_look_like_digits(student):
    """After training, 10-step samples are close to held-out digits: their digit-feature FID is below the threshold"""
    metrics = measure(student)
    return PROBLEM.threshold("fid").judge(
        metrics["fid"], f"FID of {TRAINING.samples} samples ({TRAINING.sampling_steps} steps) to held-out digits",
        digits=4, after=f"after {metrics['steps']} training steps")
