"""Hidden checks: agreement with the reference on generated schedules and batches."""

import numpy as np
import torch
from hypothesis import example, given

from gradekit.calc.ddpm_forward import alpha_bar, linear_beta_schedule, q_sample
from gradekit.grading.api import check, expect_close, expect_tensor, tensor

from .strategies import ALPHA_BAR_TOLERANCE, SAMPLE_TOLERANCE, betas, fixed_sample, forward_samples, schedules


@check(points=1)
@given(schedule=schedules())
@example(schedule=(7, 0.001, 0.3))
def schedule_matches_reference(student, schedule):
    """linear_beta_schedule matches the reference for other lengths and endpoints"""
    steps, start, end = schedule
    what = f"linear_beta_schedule({steps}, beta_start={start!r}, beta_end={end!r})"
    value = student.linear_beta_schedule(steps, beta_start=start, beta_end=end)
    value = expect_tensor(value, what, shape=(steps,))
    expect_close(value, linear_beta_schedule(steps, start, end).numpy(), what, rtol=1e-6, atol=1e-9)


@check(points=1)
@given(levels=betas())
@example(levels=np.array([0.5, 0.01, 0.2, 0.3]))
def alpha_bar_matches_reference(student, levels):
    """alpha_bar matches the reference on noise levels of any length"""
    value = expect_tensor(student.alpha_bar(tensor(levels, "float64")), "alpha_bar(betas)", shape=levels.shape)
    expect_close(value, alpha_bar(torch.from_numpy(levels)).numpy(), "alpha_bar(betas)", **ALPHA_BAR_TOLERANCE)


@check(points=1)
@given(value=forward_samples())
@example(value=fixed_sample((3, 2), [5, 400, 998], seed=2))
def q_sample_matches_reference(student, value):
    """q_sample matches the reference on batches of shape (B,), (B, D) and (B, C, H, W)"""
    x0, t, noise, alpha_bars = value
    got = student.q_sample(tensor(x0, "float64"), tensor(t, "int64"), tensor(noise, "float64"),
                           tensor(alpha_bars, "float64"))
    got = expect_tensor(got, "q_sample(x0, t, noise, alpha_bar)", shape=x0.shape)
    want = q_sample(*(torch.from_numpy(np.asarray(a)) for a in (x0, t, noise, alpha_bars)))
    expect_close(got, want.numpy(), "q_sample(x0, t, noise, alpha_bar)", **SAMPLE_TOLERANCE)
