"""GANs on 2-D points: the assignment's quadratic-curve GAN, and healthy and collapsed GANs on a ring of
Gaussians (the mode-collapse demonstration). No I/O.

The curve GAN's networks, data and losses are the reference submission's
(``references/toy_gan.py``); the mode counts are ``references/mode_collapse.py``;
both arrive through ``gradekit.calc``. The loop is ``gans.train_gan``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import cast

import numpy as np
import torch
from torch import Tensor, nn

from gradekit.calc import gan_losses, toy_gan
from gradekit.calc.mode_collapse import count_modes, high_quality_fraction, ring_centers
from gradekit.data.points import gaussian_ring
from gradekit.metrics.samples import mean_curve_distance, x_coverage
from gradekit.models.gans import GANConfig, TrainedGAN, train_gan


def uniform_noise(dim: int):
    """z uniform on [-1, 1]^dim, the noise of the assignment's toy GAN."""
    return lambda count, draws: 2 * torch.rand(count, dim, generator=draws) - 1


# ---------------------------------------------------------------- the quadratic curve


@dataclass(frozen=True)
class ToyGANConfig:
    noise_dim: int = 2
    hidden: tuple[int, int] = (16, 16)  # the assignment's blog post uses 16 and 16
    data_count: int = 20000  # real points drawn once; batches are drawn from them
    snapshot_points: int = 1000  # generated points drawn in each snapshot
    train: GANConfig = field(default_factory=lambda: GANConfig(
        steps=10000, batch_size=256, learning_rate=1e-3, optimizer="rmsprop", snapshot_every=1000))


def train_toy_gan(config: ToyGANConfig, *, on_step: Callable[[int, float], None] | None = None
                  ) -> tuple[TrainedGAN, np.ndarray]:
    """Train the curve GAN; snapshots are generated points of fixed noise. Returns it and the real points."""
    real = toy_gan.sample_data(config.data_count, np.random.default_rng(config.train.seed))
    torch.manual_seed(config.train.seed)
    generator = toy_gan.Generator(config.noise_dim, config.hidden)
    discriminator = toy_gan.Discriminator(config.hidden)
    noise = uniform_noise(config.noise_dim)
    fixed = noise(config.snapshot_points, torch.Generator().manual_seed(config.train.seed + 1))
    trained = train_gan(generator, discriminator, toy_gan.discriminator_loss, toy_gan.generator_loss,
                        (torch.from_numpy(real).float(),), noise, config.train,
                        snapshot=lambda: generator(fixed), on_step=on_step)
    return trained, real


def curve_metrics(points: np.ndarray) -> dict[str, float]:
    return {"curve_distance": mean_curve_distance(points), "x_coverage": x_coverage(points)}


@torch.no_grad()
def discriminator_features(discriminator: nn.Module, points: np.ndarray) -> np.ndarray:
    """The discriminator's 2-D third hidden layer for points (N, 2): (N, 2)."""
    features = cast(Callable[[Tensor], Tensor], discriminator.features)  # the reference Discriminator's method
    return features(torch.as_tensor(points, dtype=torch.float32)).numpy()


# ---------------------------------------------------------------- the ring of Gaussians


class PointMLP(nn.Module):
    """in_dim -> hidden -> hidden -> out_dim with ReLUs: the generator and discriminator of the ring GANs."""

    def __init__(self, in_dim: int, out_dim: int, hidden: int = 128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                                 nn.Linear(hidden, out_dim))

    def forward(self, x: Tensor) -> Tensor:
        return self.net(x)


class PackedDiscriminator(nn.Module):
    """PacGAN (Lin et al. 2018): D judges ``pack`` samples at once, so a batch of near-copies stands out.

    Batches (B, 2) are read as B / pack packs of concatenated samples; the
    loss then sees one logit per pack.
    """

    def __init__(self, pack: int, hidden: int = 128):
        super().__init__()
        self.pack = pack
        self.body = PointMLP(2 * pack, 1, hidden)

    def forward(self, x: Tensor) -> Tensor:
        return self.body(x.reshape(-1, 2 * self.pack))  # (B / pack, 1)


@dataclass(frozen=True)
class RingConfig:
    modes: int = 8  # Metz et al. 2017's ring
    radius: float = 2.0
    std: float = 0.05  # high quality within 3 std = 0.15 (VEEGAN)
    noise_dim: int = 16
    pack: int = 1  # 1: a plain GAN; more: PacGAN
    min_count: int = 20  # samples a mode needs, of ``eval_points``, to count as covered
    eval_points: int = 2000
    train: GANConfig = field(default_factory=lambda: GANConfig(
        steps=2000, batch_size=128, learning_rate=1e-3, snapshot_every=250))  # PacGAN covers all 8 by ~1500

    @property
    def quality_radius(self) -> float:
        return 3 * self.std


def train_ring_gan(config: RingConfig, *, on_step: Callable[[int, float], None] | None = None) -> TrainedGAN:
    """A GAN (non-saturating losses) on the ring; snapshots are generated points of fixed noise."""
    centers = ring_centers(config.modes, config.radius)
    points, _ = gaussian_ring(50000, np.random.default_rng(config.train.seed), centers, config.std)
    torch.manual_seed(config.train.seed)
    generator = PointMLP(config.noise_dim, 2)
    discriminator = PackedDiscriminator(config.pack)
    fixed = torch.randn(config.eval_points, config.noise_dim, generator=torch.Generator().manual_seed(1))
    # pack times the samples per step, so each logit still averages over batch_size packs
    train = replace(config.train, batch_size=config.train.batch_size * config.pack)
    return train_gan(generator, discriminator, gan_losses.discriminator_bce_loss,
                     gan_losses.generator_nonsaturating_loss, (torch.from_numpy(points).float(),),
                     lambda count, draws: torch.randn(count, config.noise_dim, generator=draws), train,
                     snapshot=lambda: generator(fixed), on_step=on_step)


def ring_metrics(points: np.ndarray, config: RingConfig) -> dict[str, float]:
    """Modes covered and the share of high-quality samples (``references/mode_collapse.py``)."""
    centers = ring_centers(config.modes, config.radius)
    return {"modes": count_modes(points, centers, config.quality_radius, config.min_count),
            "high_quality_fraction": high_quality_fraction(points, centers, config.quality_radius)}
