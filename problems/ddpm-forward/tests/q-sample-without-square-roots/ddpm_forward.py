import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T)


def alpha_bar(betas):
    return torch.cumprod(1 - betas, dim=0)


def q_sample(x0, t, noise, alpha_bar):
    a = alpha_bar[t].reshape(-1, *[1] * (x0.dim() - 1))
    return a * x0 + (1 - a) * noise  # ᾱ and 1 - ᾱ instead of their square roots
