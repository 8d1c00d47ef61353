"""Wrong on purpose, at one edge only: the schedule as start + (end - start) * i / (T - 1), NaN for T = 1."""

import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return beta_start + (beta_end - beta_start) * torch.arange(T) / (T - 1)  # 0 / 0 when T = 1


def alpha_bar(betas):
    return torch.cumprod(1 - betas, dim=0)


def q_sample(x0, t, noise, alpha_bar):
    a = alpha_bar[t].reshape(-1, *[1] * (x0.dim() - 1))
    return a.sqrt() * x0 + (1 - a).sqrt() * noise
