"""The forward (noising) process of DDPM (Ho et al. 2020, "Denoising Diffusion Probabilistic Models").

Steps are indexed from 0 here: ``betas[t]`` and ``alpha_bar[t]`` belong to the
paper's step t + 1.
"""

import torch
from torch import Tensor


def linear_beta_schedule(T: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> Tensor:
    """β_1..β_T evenly spaced from ``beta_start`` to ``beta_end`` (both included): shape (T,).

    Ho et al. §4: T = 1000, β from 1e-4 to 0.02.
    """
    return torch.linspace(beta_start, beta_end, T)  # (T,)


def alpha_bar(betas: Tensor) -> Tensor:
    """ᾱ_t = ∏_{s ≤ t} (1 − β_s), the cumulative product, so ᾱ_0 = 1 − β_0: shape (T,)."""
    return torch.cumprod(1.0 - betas, dim=0)  # (T,)


def q_sample(x0: Tensor, t: Tensor, noise: Tensor, alpha_bar: Tensor) -> Tensor:
    """A sample of q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I): x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε.

    ``x0`` and ``noise`` have shape (B, ...); ``t`` is a LongTensor of shape (B,),
    one step per sample, broadcast over the sample's other dimensions.
    """
    a = alpha_bar[t].reshape(-1, *[1] * (x0.dim() - 1))  # (B, 1, ..., 1)
    return a.sqrt() * x0 + (1.0 - a).sqrt() * noise  # (B, ...)
