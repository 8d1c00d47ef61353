"""A denoising diffusion model on small images (Ho et al. 2020, "Denoising Diffusion Probabilistic Models").

Training: ε-prediction with the simple loss ‖ε − ε_θ(√ᾱ_t x_0 + √(1 − ᾱ_t) ε, t)‖² (Algorithm 1).
Sampling: ancestral, x_T ~ N(0, I), then x_{t−1} drawn from the posterior
q(x_{t−1} | x_t, x̂_0) with x̂_0 predicted from ε_θ (Algorithm 2, σ_t² = β̃_t).
Fewer sampling steps than training steps use a respaced chain on a subset of
the steps (Nichol & Dhariwal 2021, §4): β'_i = 1 − ᾱ_{τ_i} / ᾱ_{τ_{i−1}}.

Steps are indexed from 0 (``betas[t]`` is the paper's β_{t+1}); images are in [−1, 1].
"""

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn

try:  # as gradekit.calc.ddpm, beside gradekit.calc.ddpm_forward
    from . import ddpm_forward
except ImportError:  # as a submission's top-level ddpm.py, beside ddpm_forward.py
    import ddpm_forward


def q_sample(x0: Tensor, t: Tensor, noise: Tensor, alpha_bar: Tensor) -> Tensor:
    """sqrt(alpha_bar[t]) * x0 + sqrt(1 - alpha_bar[t]) * noise, one step per image (as in ddpm_forward.py)."""
    return ddpm_forward.q_sample(x0, t, noise, alpha_bar)


# ---------------------------------------------------------------- the ε-network


def timestep_embedding(t: Tensor, dim: int) -> Tensor:
    """Transformer sinusoids of the step (Vaswani et al. 2017, as Ho et al. use them): (B,) → (B, dim)."""
    half = dim // 2
    frequencies = torch.exp(-math.log(10_000.0) * torch.arange(half, device=t.device) / half)  # (dim/2,)
    angles = t.float()[:, None] * frequencies[None]  # (B, dim/2)
    return torch.cat([angles.sin(), angles.cos()], dim=1)  # (B, dim)


class ResBlock(nn.Module):
    """conv → SiLU → (+ the step's embedding) → conv, with a residual path (1x1 when widths differ).

    No normalisation: at 8x8 and a few hundred steps it costs more CPU time than it saves.
    """

    def __init__(self, in_channels: int, out_channels: int, time_dim: int):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.time = nn.Linear(time_dim, out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.skip = nn.Conv2d(in_channels, out_channels, 1) if in_channels != out_channels else nn.Identity()

    def forward(self, x: Tensor, embedding: Tensor) -> Tensor:
        h = F.silu(self.conv1(x)) + self.time(embedding)[:, :, None, None]  # (B, out, H, W): t shifts each channel
        return self.conv2(F.silu(h)) + self.skip(x)  # (B, out, H, W)


class UNet(nn.Module):
    """ε_θ(x_t, t): one level down and back up with a skip connection, for even sides (8x8 digits).

    (B, channels, H, W) and steps (B,) → predicted noise (B, channels, H, W).
    """

    def __init__(self, channels: int = 1, base: int = 16):
        super().__init__()
        self.base = base
        time_dim = 4 * base
        self.time_mlp = nn.Sequential(nn.Linear(base, time_dim), nn.SiLU(), nn.Linear(time_dim, time_dim))
        self.stem = nn.Conv2d(channels, base, 3, padding=1)
        self.down_block = ResBlock(base, base, time_dim)
        self.downsample = nn.Conv2d(base, 2 * base, 3, stride=2, padding=1)
        self.middle = ResBlock(2 * base, 2 * base, time_dim)
        self.upsample = nn.ConvTranspose2d(2 * base, base, 4, stride=2, padding=1)
        self.up_block = ResBlock(2 * base, base, time_dim)
        self.head = nn.Conv2d(base, channels, 3, padding=1)

    def forward(self, x: Tensor, t: Tensor) -> Tensor:
        embedding = self.time_mlp(timestep_embedding(t, self.base))  # (B, 4C)
        skip = self.down_block(self.stem(x), embedding)  # (B, C, H, W)
        h = self.middle(self.downsample(skip), embedding)  # (B, 2C, H/2, W/2)
        h = self.up_block(torch.cat([self.upsample(h), skip], dim=1), embedding)  # (B, C, H, W)
        return self.head(F.silu(h))  # (B, channels, H, W)


# ---------------------------------------------------------------- training


def ddpm_loss(model: nn.Module, x0: Tensor, t: Tensor, noise: Tensor, alpha_bar: Tensor) -> Tensor:
    """L_simple = mean over every element of (ε − ε_θ(x_t, t))², x_t = q_sample(x_0, t, ε) (Ho et al. eq. 14)."""
    x_t = q_sample(x0, t, noise, alpha_bar)  # (B, C, H, W)
    return F.mse_loss(model(x_t, t), noise)


# ---------------------------------------------------------------- sampling


def reverse_step(x_t: Tensor, t: int, eps: Tensor, betas: Tensor, alpha_bar: Tensor, noise: Tensor) -> Tensor:
    """x_{t−1} = 1/√α_t (x_t − β_t/√(1 − ᾱ_t) ε) + σ_t z, σ_t² = β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t) β_t.

    The mean is the posterior mean μ̃_t(x_t, x̂_0) of q(x_{t−1} | x_t, x_0) at
    x̂_0 = (x_t − √(1 − ᾱ_t) ε)/√ᾱ_t (Ho et al. eqs. 7 and 11). At t = 0,
    ᾱ_{−1} = 1, so β̃_0 = 0 and the last step adds no noise.
    """
    beta, a_bar = betas[t], alpha_bar[t]
    a_bar_previous = alpha_bar[t - 1] if t > 0 else torch.ones_like(a_bar)
    mean = (x_t - beta / (1.0 - a_bar).sqrt() * eps) / (1.0 - beta).sqrt()  # (B, ...)
    variance = (1.0 - a_bar_previous) / (1.0 - a_bar) * beta  # β̃_t
    return mean + variance.sqrt() * noise


def sampling_timesteps(T: int, steps: int) -> Tensor:
    """τ_0 < ... < τ_{steps−1}: ``steps`` training steps evenly spread over 0..T−1, rounded: (steps,)."""
    if not 1 <= steps <= T:
        raise ValueError(f"steps must lie in 1..{T}, not {steps}")
    return torch.linspace(0, T - 1, steps).round().long()  # (steps,)


def respaced_schedule(alpha_bar: Tensor, steps: int) -> tuple[Tensor, Tensor, Tensor]:
    """The chain on τ = ``sampling_timesteps(T, steps)``: (τ, β', ᾱ'), each (steps,).

    ᾱ'_i = ᾱ_{τ_i} and β'_i = 1 − ᾱ'_i / ᾱ'_{i−1} with ᾱ'_{−1} = 1, so that
    the product of the 1 − β' is ᾱ' again; with steps = T, β' = β.
    """
    timesteps = sampling_timesteps(len(alpha_bar), steps)  # (steps,)
    chain_alpha_bar = alpha_bar[timesteps].double()  # (steps,): float64, as 1 - ratio loses digits near 1
    previous = torch.cat([chain_alpha_bar.new_ones(1), chain_alpha_bar[:-1]])
    return timesteps, (1.0 - chain_alpha_bar / previous).to(alpha_bar.dtype), chain_alpha_bar.to(alpha_bar.dtype)


@torch.no_grad()
def reverse_chain(model: nn.Module, shape: tuple, alpha_bar: Tensor, steps: int, generator: torch.Generator):
    """Ancestral sampling one step at a time: yields (T, x_T) with x_T ~ N(0, I), then (τ_i, x) for
    i = steps−1 down to 0, x the state after denoising at training step τ_i; the last x is the sample.
    """
    device = next(iter(model.parameters()), torch.empty(0)).device
    timesteps, chain_betas, chain_alpha_bar = respaced_schedule(alpha_bar.cpu(), steps)
    chain_betas, chain_alpha_bar = chain_betas.to(device), chain_alpha_bar.to(device)
    x = torch.randn(shape, generator=generator).to(device)  # x_T, (B, C, H, W)
    yield len(alpha_bar), x
    for i in reversed(range(steps)):
        step = torch.full((shape[0],), int(timesteps[i]), dtype=torch.long, device=device)  # (B,)
        eps = model(x, step)  # (B, C, H, W)
        z = torch.randn(shape, generator=generator).to(device)
        x = reverse_step(x, i, eps, chain_betas, chain_alpha_bar, z)
        yield int(timesteps[i]), x


def sample(model: nn.Module, shape: tuple, alpha_bar: Tensor, steps: int, generator: torch.Generator) -> Tensor:
    """Ancestral sampling on ``steps`` of the T training steps: x_T ~ N(0, I) down to x_0, of ``shape``.

    The chain runs on τ = ``sampling_timesteps(T, steps)`` with the respaced
    β' of ``respaced_schedule`` (with steps = T, the training chain itself);
    ``model`` is called with the training step τ_i. All randomness comes from
    ``generator``, a CPU generator: x_T first, then one z per step.
    """
    for _, x in reverse_chain(model, shape, alpha_bar, steps, generator):
        pass
    return x
