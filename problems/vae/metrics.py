"""The trained model's metrics on held-out digits, computed outside the sandbox from the harness's replies.

The harness trains the student's VAE with the student's loss and returns
encoder outputs and decoder outputs for inputs sent from here; the negative
ELBO itself is computed here with the reference's formulas, and z is drawn
here, so the student's sampling cannot flatter the metric.
"""

from functools import lru_cache

import numpy as np
import torch

from gradekit.calc.reparameterize import reparameterize
from gradekit.calc.vae import vae_loss
from gradekit.data import load_digits_split
from gradekit.grading.api import Figure, expect_tensor, expect_true, image_rows
from gradekit.grading.problem import problem_here
from gradekit.grading.training_runs import expect_full_run

from .strategies import expect_pair

PROBLEM = problem_here(__file__)
TRAINING = PROBLEM.training


@lru_cache(maxsize=1)
def digit_rows(data_seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Training and held-out digits as rows (N, 64) in [0, 1]."""
    return load_digits_split(seed=data_seed).flat()


def measure(student, seed: int = TRAINING.seed) -> dict[str, float]:
    """Train in the sandbox, then the negative ELBO and the MSE of decode(mu) on the held-out digits."""
    train_rows, test_rows = digit_rows(TRAINING.data_seed)
    settings = TRAINING.as_kwargs("latent_dim", "steps", "batch_size", "learning_rate", "runaway_seconds", seed=seed)
    run = expect_full_run(student.harness("harness:train", images=train_rows, **settings), TRAINING.steps,
                          "training the VAE")
    shape = (len(test_rows), TRAINING.latent_dim)
    mu, logvar = expect_pair(student.harness("harness:trained_encode", test_rows), "the trained encode", shape)
    mu, logvar = torch.from_numpy(mu.astype(np.float32)), torch.from_numpy(logvar.astype(np.float32))
    eps = torch.randn(shape, generator=torch.Generator().manual_seed(seed))
    z = reparameterize(mu, logvar, eps)  # one draw per image, made here
    recon = decoded(student, z.numpy(), test_rows.shape)
    mean_recon = decoded(student, mu.numpy(), test_rows.shape)
    x = torch.from_numpy(test_rows)
    return {"negative_elbo": float(vae_loss(torch.from_numpy(recon), x, mu, logvar)),
            "reconstruction_mse": float(np.mean((mean_recon.astype(np.float64) - test_rows) ** 2)),
            "steps": run.steps, "train_seconds": run.seconds}


def baselines() -> dict[str, float]:
    """What the trivial model scores: q(z|x) = N(0, I) and every image decoded to the mean training image."""
    train_rows, test_rows = digit_rows(TRAINING.data_seed)
    mean_image = np.broadcast_to(train_rows.mean(axis=0), test_rows.shape).astype(np.float32)
    zeros = torch.zeros(len(test_rows), TRAINING.latent_dim)
    return {"negative_elbo": float(vae_loss(torch.from_numpy(mean_image), torch.from_numpy(test_rows), zeros, zeros)),
            "reconstruction_mse": float(np.mean((mean_image - test_rows) ** 2))}


def decoded(student, z: np.ndarray, shape: tuple) -> np.ndarray:
    """The trained decoder's Bernoulli means for ``z``, checked to be probabilities."""
    recon = expect_tensor(student.harness("harness:trained_decode", z), "the trained decode", shape=shape).array
    expect_true(bool(np.all((recon >= 0) & (recon <= 1)) and np.isfinite(recon).all()),
                "the trained decoder's outputs leave [0, 1]")
    return recon.astype(np.float32)


FIGURE_DIGITS = 10  # held-out digits drawn for the student's feedback


def reconstruction_figure(student, seed: int = TRAINING.seed) -> Figure:
    """The first held-out digits, the trained model's decode(mu) of them, and decode(z) for z ~ N(0, I) drawn here."""
    _, test_rows = digit_rows(TRAINING.data_seed)
    shown = test_rows[:FIGURE_DIGITS]
    shape = (len(shown), TRAINING.latent_dim)
    mu, _ = expect_pair(student.harness("harness:trained_encode", shown), "the trained encode", shape)
    z = torch.randn(shape, generator=torch.Generator().manual_seed(seed)).numpy()
    side = int(round(TRAINING.input_dim ** 0.5))
    return image_rows("reconstructions", "Held-out digits (top row), your trained VAE's reconstructions decode(μ) "
                                         "(middle), and its samples decode(z), z ~ N(0, I) (bottom)",
                      [shown, decoded(student, mu.astype(np.float32), shown.shape), decoded(student, z, shown.shape)],
                      side=side)
