"""Wrong on purpose: uses sigma = exp(logvar / 2) where the formula has sigma^2."""

import torch


def gaussian_kl(mu, logvar):
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - torch.exp(0.5 * logvar), dim=-1)
