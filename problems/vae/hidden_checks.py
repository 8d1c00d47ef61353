"""Hidden checks: the loss against the reference, and the trained model on held-out digits."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.vae import vae_loss as reference_loss
from gradekit.grading.api import attach_figure, check, expect_close, expect_real, expect_tensor, tensor

from .metrics import PROBLEM, measure, reconstruction_figure


@st.composite
def loss_inputs(draw):
    """recon in (0, 1), x in [0, 1] (binary or grey), mu and logvar of a small batch."""
    batch, pixels, latent = draw(st.integers(1, 6)), draw(st.integers(1, 20)), draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    x = rng.random((batch, pixels)) if draw(st.booleans()) else rng.integers(0, 2, (batch, pixels))
    recon = rng.uniform(0.01, 0.99, (batch, pixels))
    mu = draw(st.sampled_from([0.0, 1.0, 3.0])) * rng.standard_normal((batch, latent))
    logvar = rng.uniform(-4, 3, (batch, latent))
    return tuple(a.astype(np.float32) for a in (recon, x, mu, logvar))


@check(points=2)
@given(inputs=loss_inputs())
@example(inputs=tuple(np.array(a, np.float32) for a in (
    [[0.2, 0.9, 0.5], [0.7, 0.1, 0.6]], [[0.0, 1.0, 0.5], [1.0, 0.0, 0.25]],
    [[1.0, -2.0], [0.5, 0.0]], [[-1.0, 0.5], [2.0, -3.0]])))
def loss_matches_the_reference(student, inputs):
    """vae_loss is the batch mean of the pixel-summed BCE plus the latent-summed KL, in nats"""
    value = student.vae_loss(*(tensor(a) for a in inputs))
    got = expect_real(expect_tensor(value, "vae_loss(recon, x, mu, logvar)", shape=()).array, "vae_loss")
    want = float(reference_loss(*(torch.from_numpy(a) for a in inputs)))
    expect_close(got, want, "vae_loss(recon, x, mu, logvar)", rtol=1e-4, atol=1e-4)


@check(points=4)
def negative_elbo_on_held_out_digits_is_low(student):
    """After training, the negative ELBO of held-out digits is below the threshold"""
    metrics = measure(student)
    return PROBLEM.threshold("negative_elbo").judge(
        metrics["negative_elbo"], "held-out negative ELBO", unit="nats per image", digits=4,
        after=f"after {metrics['steps']} training steps")


@check(points=3)
def reconstructs_held_out_digits(student):
    """After training, decode(mu) of held-out digits is close to them: mean squared error below the threshold"""
    metrics = measure(student)
    attach_figure(lambda: reconstruction_figure(student))  # for the feedback; the last check, so no call it
    # makes can take time or a worker from another check
    return PROBLEM.threshold("reconstruction_mse").judge(
        metrics["reconstruction_mse"], "held-out reconstruction error of decode(mu)", unit="per pixel", digits=3,
        after=f"after {metrics['steps']} training steps")
