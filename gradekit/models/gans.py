"""Training GANs: the adversarial loop every reference GAN shares, and the image GANs' recipes. No I/O.

The loop is Algorithm 1 of the DCGAN assignment (Goodfellow et al. 2014 with
k = 1): draw m real examples and m noise samples, update the discriminator on
real and fake, draw m *new* noise samples, update the generator. A
conditional GAN passes each real batch's labels to both networks and makes
its fakes for those labels. The networks and losses are the reference
submission's (``references/dcgan.py``, ``references/cgan.py`` through
``gradekit.calc``), so the grader and these recipes share one copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import Tensor, nn

from gradekit.calc import cgan, dcgan

Noise = Callable[[int, torch.Generator], Tensor]  # (count, generator) -> noise on the CPU


@dataclass(frozen=True)
class GANConfig:
    steps: int = 1000
    batch_size: int = 64  # m of Algorithm 1
    learning_rate: float = 2e-4  # Radford et al. 2016
    betas: tuple[float, float] = (0.5, 0.999)  # Radford et al. 2016: beta1 = 0.9 oscillated, 0.5 stabilised
    optimizer: str = "adam"  # or "rmsprop", the toy GAN assignment's choice
    generator_steps: int = 1  # generator updates per discriminator update; more lets G outrun D (mode collapse)
    seed: int = 0  # initialisation, batches and noise
    snapshot_every: int = 200  # steps between two snapshots of the generator on fixed noise


@dataclass
class GANHistory:
    """Both losses at every step."""

    d_loss: list[float] = field(default_factory=list)
    g_loss: list[float] = field(default_factory=list)


@dataclass
class TrainedGAN:
    """Trained networks, their loss history, and the snapshots: (step, what ``snapshot()`` returned)."""

    generator: nn.Module
    discriminator: nn.Module
    history: GANHistory
    snapshots: list[tuple[int, Tensor]]


def make_optimizer(name: str, parameters, config: GANConfig) -> torch.optim.Optimizer:
    if name == "adam":
        return torch.optim.Adam(parameters, lr=config.learning_rate, betas=config.betas)
    if name == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=config.learning_rate)
    raise ValueError(f"unknown optimizer {name!r}; expected adam or rmsprop")


def train_gan(generator: nn.Module, discriminator: nn.Module,
              discriminator_loss: Callable[[Tensor, Tensor], Tensor], generator_loss: Callable[[Tensor], Tensor],
              data: tuple[Tensor, ...], noise: Noise, config: GANConfig, *,
              snapshot: Callable[[], Tensor] | None = None,
              on_step: Callable[[int, float], None] | None = None) -> TrainedGAN:
    """Algorithm 1 for ``config.steps`` steps on minibatches drawn with replacement from ``data``.

    ``data`` is ``(x,)`` or ``(x, labels)``: the extra tensors are the
    condition, passed to both networks after their first argument.
    ``snapshot()`` runs (generator in eval mode, no gradients) at step 0,
    every ``snapshot_every`` steps and at the end; ``on_step(step, d_loss)``
    reports progress.
    """
    device = data[0].device
    g_optimizer = make_optimizer(config.optimizer, generator.parameters(), config)
    d_optimizer = make_optimizer(config.optimizer, discriminator.parameters(), config)
    draws = torch.Generator().manual_seed(config.seed)
    history, snapshots = GANHistory(), []

    def take_snapshot(step: int) -> None:
        if snapshot is not None:
            generator.eval()
            with torch.no_grad():
                snapshots.append((step, snapshot().cpu()))
            generator.train()

    generator.train()
    discriminator.train()
    take_snapshot(0)
    for step in range(1, config.steps + 1):
        rows = torch.randint(0, len(data[0]), (config.batch_size,), generator=draws).to(device)
        real, *condition = (tensor[rows] for tensor in data)
        fake = generator(noise(config.batch_size, draws).to(device), *condition)
        d_loss = discriminator_loss(discriminator(real, *condition), discriminator(fake.detach(), *condition))
        d_optimizer.zero_grad(set_to_none=True)
        d_loss.backward()
        d_optimizer.step()
        for _ in range(config.generator_steps):
            fake = generator(noise(config.batch_size, draws).to(device), *condition)  # m new noise samples
            g_loss = generator_loss(discriminator(fake, *condition))
            g_optimizer.zero_grad(set_to_none=True)
            g_loss.backward()
            g_optimizer.step()
        history.d_loss.append(d_loss.item())
        history.g_loss.append(g_loss.item())
        if step % config.snapshot_every == 0 or step == config.steps:
            take_snapshot(step)
        if on_step is not None:
            on_step(step, history.d_loss[-1])
    generator.eval()
    discriminator.eval()
    return TrainedGAN(generator, discriminator, history, snapshots)


def gaussian_noise(dim: int) -> Noise:
    """z ~ N(0, I) of ``dim`` dimensions."""
    return lambda count, draws: torch.randn(count, dim, generator=draws)


# ---------------------------------------------------------------- DCGAN


@dataclass(frozen=True)
class DCGANConfig:
    noise_dim: int = 100  # Radford et al. 2016; the CSC321 emoji assignment
    conv_dim: int = 32  # channels of the widest-resolution layer: G runs 4c, 2c, c; D runs c, 2c, 4c
    snapshot_count: int = 64  # fixed noise vectors drawn in each snapshot grid
    train: GANConfig = field(default_factory=lambda: GANConfig(steps=20000, batch_size=16))  # the assignment's run


def train_dcgan(images: Tensor, config: DCGANConfig, *,
                on_step: Callable[[int, float], None] | None = None) -> TrainedGAN:
    """The LS-DCGAN on ``images`` (N, 3, 32, 32) in [-1, 1]; snapshots are G's images of one fixed noise batch."""
    torch.manual_seed(config.train.seed)
    device = images.device
    generator = dcgan.Generator(config.noise_dim, config.conv_dim).to(device)
    discriminator = dcgan.Discriminator(config.conv_dim).to(device)
    fixed = torch.randn(config.snapshot_count, config.noise_dim,
                        generator=torch.Generator().manual_seed(config.train.seed + 1)).to(device)
    return train_gan(generator, discriminator, dcgan.discriminator_loss, dcgan.generator_loss, (images,),
                     gaussian_noise(config.noise_dim), config.train, snapshot=lambda: generator(fixed),
                     on_step=on_step)


@torch.no_grad()
def generate_images(generator: nn.Module, count: int, noise_dim: int, seed: int, batch_size: int = 500) -> Tensor:
    """``count`` images from N(0, I) noise of a seed, in eval mode and in batches, on the CPU."""
    generator.eval()
    device = next(generator.parameters()).device
    z = torch.randn(count, noise_dim, generator=torch.Generator().manual_seed(seed))
    return torch.cat([generator(chunk.to(device)).cpu() for chunk in z.split(batch_size)])


# ---------------------------------------------------------------- conditional GAN


@dataclass(frozen=True)
class CGANConfig:
    noise_dim: int = 32  # 8x8 digits need few latent dimensions
    per_label: int = 10  # columns of the per-label sample grid
    train: GANConfig = field(default_factory=lambda: GANConfig(steps=3000, batch_size=64, learning_rate=1e-3))


def train_cgan(rows: Tensor, labels: Tensor, config: CGANConfig, *,
               on_step: Callable[[int, float], None] | None = None) -> TrainedGAN:
    """The conditional GAN on ``rows`` (N, 64) in [-1, 1] with ``labels`` (N,); snapshots are sample grids."""
    torch.manual_seed(config.train.seed)
    device = rows.device
    generator = cgan.Generator(config.noise_dim).to(device)
    discriminator = cgan.Discriminator().to(device)
    fixed = torch.randn(config.per_label, config.noise_dim,
                        generator=torch.Generator().manual_seed(config.train.seed + 1)).to(device)
    return train_gan(generator, discriminator, cgan.discriminator_loss, cgan.generator_loss, (rows, labels),
                     gaussian_noise(config.noise_dim), config.train,
                     snapshot=lambda: cgan.sample_grid(generator, fixed), on_step=on_step)
