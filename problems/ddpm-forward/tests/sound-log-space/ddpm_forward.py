"""A sound design other than the reference's: the schedule from arange (T = 1 handled), ᾱ in log space,
one gather per batch."""

import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    if T == 1:
        return torch.tensor([beta_start])
    step = (beta_end - beta_start) / (T - 1)
    return beta_start + step * torch.arange(T, dtype=torch.float32)


def alpha_bar(betas):
    return torch.exp(torch.cumsum(torch.log1p(-betas), dim=0))  # ∏(1 − β) as exp(Σ log(1 − β))


def q_sample(x0, t, noise, alpha_bar):
    a = alpha_bar.gather(0, t).view(x0.shape[0], *([1] * (x0.dim() - 1)))  # (B, 1, ..., 1)
    return torch.sqrt(a) * x0 + torch.sqrt(1 - a) * noise
