"""Training and evaluating the reference VAE: held-out ELBO, code statistics, the latent-size sweep,
prior samples and the interpolation rows of the assignment's figure.

The module, its loss and the interpolation are the reference submission's
(``references/vae.py`` through ``gradekit.calc``); the KL and the
reparameterization are ``gradekit.calc.gaussian_kl`` and
``gradekit.calc.reparameterize``. Images arrive as rows (N, D) in [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import torch
from torch import Tensor

from gradekit.calc.gaussian_kl import gaussian_kl
from gradekit.calc.reparameterize import reparameterize
from gradekit.calc.vae import VAE, choose_pairs, interpolate, vae_loss
from gradekit.metrics.reconstruction import mean_squared_error
from gradekit.models.training import TrainConfig, TrainedModel, fit

LATENT_SIZES = (2, 4, 8, 16, 32, 64)  # the assignment's sweep
ACTIVE_UNIT_THRESHOLD = 0.01  # Burda et al. 2016: a unit is active when Var_x(E_q[z_u]) > 0.01


@dataclass(frozen=True)
class VAEConfig:
    latent_dim: int = 8  # enough for the digits' shapes; 2 is the one to plot as a plane
    hidden_dim: int = 256  # one hidden layer each way, as in Kingma & Welling's MNIST models (500 there)
    train: TrainConfig = field(default_factory=TrainConfig)


def train_vae(train_rows: Tensor, test_rows: Tensor, config: VAEConfig, *,
              on_step: Callable[[int, float], None] | None = None) -> TrainedModel:
    """Minimise the negative ELBO (``vae_loss``) on ``train_rows``; the held-out curve is on ``test_rows``."""
    torch.manual_seed(config.train.seed)
    model = VAE(train_rows.shape[1], config.latent_dim, config.hidden_dim).to(train_rows.device)

    def loss(x: Tensor) -> Tensor:
        recon, mu, logvar = model(x)
        return vae_loss(recon, x, mu, logvar)

    history = fit(model, loss, train_rows, config.train, test_loss=lambda: loss(test_rows).item(),
                  on_step=on_step)
    return TrainedModel(f"vae-{config.latent_dim}", model, history)


@torch.no_grad()
def held_out_metrics(model: VAE, rows: Tensor, generator: torch.Generator) -> dict[str, float]:
    """Negative ELBO per image (one z per image from ``generator``), its two terms, and the MSE of decode(mu)."""
    model.eval()
    mu, logvar = model.encode(rows)  # (N, d) each
    eps = torch.randn(mu.shape, generator=generator).to(mu)
    recon = model.decode(reparameterize(mu, logvar, eps))  # (N, D)
    negative_elbo = vae_loss(recon, rows, mu, logvar).item()
    kl = gaussian_kl(mu, logvar).mean().item()
    return {"negative_elbo": negative_elbo, "reconstruction_nll": negative_elbo - kl, "kl": kl,
            "test_mse": mean_squared_error(decode_means(model, rows).cpu().numpy(), rows.cpu().numpy())}


@torch.no_grad()
def decode_means(model: VAE, rows: Tensor) -> Tensor:
    """decode(mu(x)): the reconstruction from the code's mean, no sampling: (N, D)."""
    model.eval()
    return model.decode(model.encode(rows)[0])


@dataclass(frozen=True)
class CodeStatistics:
    """Per-dimension statistics of the codes of a data set (arrays of shape (d,))."""

    mean: np.ndarray  # E_x[mu(x)]: near 0 when the aggregate posterior matches the prior
    variance: np.ndarray  # Var_x[mu(x)]: how much the dimension tells images apart
    posterior_variance: np.ndarray  # E_x[sigma^2(x)]: the encoder's own uncertainty

    @property
    def aggregate_variance(self) -> np.ndarray:
        """Var of z under the aggregate posterior (law of total variance); near 1 under the prior."""
        return self.variance + self.posterior_variance

    @property
    def active_dimensions(self) -> int:
        return int((self.variance > ACTIVE_UNIT_THRESHOLD).sum())

    def as_dict(self) -> dict:
        return {"mean": self.mean.tolist(), "variance": self.variance.tolist(),
                "posterior_variance": self.posterior_variance.tolist(),
                "active_dimensions": self.active_dimensions}


@torch.no_grad()
def code_statistics(model: VAE, rows: Tensor) -> CodeStatistics:
    model.eval()
    mu, logvar = model.encode(rows)
    mu, variance = mu.double().cpu().numpy(), logvar.double().exp().cpu().numpy()
    return CodeStatistics(mu.mean(axis=0), mu.var(axis=0), variance.mean(axis=0))


@dataclass
class SweepEntry:
    latent_dim: int
    trained: TrainedModel
    metrics: dict[str, float]
    codes: CodeStatistics


def latent_sweep(train_rows: Tensor, test_rows: Tensor, config: VAEConfig, sizes=LATENT_SIZES, *,
                 on_step: Callable[[int, int, float], None] | None = None) -> list[SweepEntry]:
    """Train one VAE per latent size; ``on_step(latent_dim, step, loss)`` reports progress."""
    entries = []
    for size in sizes:
        report = (lambda step, loss, size=size: on_step(size, step, loss)) if on_step else None
        trained = train_vae(train_rows, test_rows, replace(config, latent_dim=size), on_step=report)
        generator = torch.Generator().manual_seed(config.train.seed)
        entries.append(SweepEntry(size, trained, held_out_metrics(trained.model, test_rows, generator),
                                  code_statistics(trained.model, test_rows)))
    return entries


@torch.no_grad()
def prior_samples(model: VAE, count: int, generator: torch.Generator) -> Tensor:
    """Bernoulli means decode(z) for z ~ N(0, I): (count, D)."""
    model.eval()
    z = torch.randn(count, model.latent_dim, generator=generator)
    return model.decode(z.to(next(model.parameters()).device))


def interpolation_rows(model: VAE, rows: Tensor, labels: Tensor, same_digit: bool,
                       generator: torch.Generator, pairs: int = 10, steps: int = 7) -> tuple[Tensor, Tensor]:
    """The assignment's figure: ``pairs`` random test pairs of the same (or different) digits,
    each row the first image, ``steps`` decoded interpolates, the second image: (pairs, steps + 2, D).

    Returns the rows and the chosen pairs of indices (pairs, 2).
    """
    model.eval()
    chosen = choose_pairs(labels, same_digit, pairs, generator)
    return interpolate(model, rows[chosen[:, 0]], rows[chosen[:, 1]], steps), chosen
