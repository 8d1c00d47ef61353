"""Training and sampling the reference DDPM: ε-prediction with a moving average, samples, the reverse process.

The U-Net, the loss, the reverse step and the sampler are the reference
submission's (``references/ddpm.py`` through ``gradekit.calc``); the schedule is
``gradekit.calc.ddpm_forward``'s. Images arrive as tensors (N, C, H, W) in
[−1, 1]; nothing here does I/O.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import Tensor

from gradekit.calc.ddpm import UNet, ddpm_loss, reverse_chain, sample
from gradekit.calc.ddpm_forward import alpha_bar, linear_beta_schedule
from gradekit.models.training import TrainConfig, TrainedModel, fit

ASSIGNMENT_STEPS = 10  # the 10-step sampling schedule the assignment ran


@dataclass(frozen=True)
class DDPMConfig:
    T: int = 1000  # Ho et al. 2020, §4
    beta_start: float = 1e-4
    beta_end: float = 0.02
    base: int = 16  # the U-Net's width: ~50k parameters, enough for 8x8 digits on a CPU
    ema_decay: float = 0.99  # samples come from a moving average of the weights (Ho et al.: 0.9999 over 800k steps)
    train: TrainConfig = field(default_factory=lambda: TrainConfig(steps=2000, batch_size=32, learning_rate=2e-3))

    def alpha_bar(self) -> Tensor:
        """ᾱ_t of the linear schedule: (T,)."""
        return alpha_bar(linear_beta_schedule(self.T, self.beta_start, self.beta_end))


def train_ddpm(train_images: Tensor, test_images: Tensor, config: DDPMConfig, *,
               on_step: Callable[[int, float], None] | None = None) -> TrainedModel:
    """Minimise the simple loss on ``train_images``; t ~ U{0..T−1} and ε ~ N(0, I) drawn per batch.

    The returned model is the exponential moving average of the weights, the
    one to sample from. The held-out curve is the loss of ``test_images`` at
    steps and noise drawn once, so its points differ only by the model.
    """
    device = train_images.device
    torch.manual_seed(config.train.seed)
    model = UNet(train_images.shape[1], config.base).to(device)
    average = copy.deepcopy(model)
    a_bar = config.alpha_bar().to(device)
    draws = torch.Generator().manual_seed(config.train.seed + 1)

    def steps_and_noise(x0: Tensor) -> tuple[Tensor, Tensor]:
        t = torch.randint(config.T, (len(x0),), generator=draws).to(device)  # (B,)
        return t, torch.randn(x0.shape, generator=draws).to(device)  # (B, C, H, W)

    @torch.no_grad()
    def after_step(step: int, loss: float) -> None:
        for kept, new in zip(average.parameters(), model.parameters(), strict=True):
            kept.lerp_(new, 1 - config.ema_decay)
        if on_step is not None:
            on_step(step, loss)

    test_t, test_noise = steps_and_noise(test_images)
    history = fit(model, lambda x0: ddpm_loss(model, x0, *steps_and_noise(x0), a_bar), train_images, config.train,
                  test_loss=lambda: ddpm_loss(model, test_images, test_t, test_noise, a_bar).item(),
                  on_step=after_step)
    return TrainedModel("ddpm", average.eval(), history)


@torch.no_grad()
def draw_samples(model: UNet, config: DDPMConfig, count: int, shape: tuple[int, int, int], steps: int,
                 generator: torch.Generator, batch_size: int = 500) -> Tensor:
    """``count`` samples (count, C, H, W) with ``steps`` sampling steps, in batches to bound the memory."""
    model.eval()
    a_bar = config.alpha_bar().to(next(model.parameters()).device)
    batches = [sample(model, (min(batch_size, count - start), *shape), a_bar, steps, generator)
               for start in range(0, count, batch_size)]
    return torch.cat(batches)


@torch.no_grad()
def reverse_process(model: UNet, config: DDPMConfig, count: int, shape: tuple[int, int, int], steps: int,
                    generator: torch.Generator) -> tuple[Tensor, list[int]]:
    """The chain's states for ``count`` samples, (count, steps + 1, C, H, W) from x_T to x_0, and the step
    each state was reached at (T for x_T, then the training step τ_i each state was denoised at)."""
    model.eval()
    a_bar = config.alpha_bar().to(next(model.parameters()).device)
    taus, states = zip(*reverse_chain(model, (count, *shape), a_bar, steps, generator), strict=True)
    return torch.stack(states, dim=1), list(taus)
