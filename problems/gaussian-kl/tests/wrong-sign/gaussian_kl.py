"""Wrong on purpose: +1/2 instead of -1/2: the negative of the KL."""

import torch


def gaussian_kl(mu, logvar):
    return 0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)
