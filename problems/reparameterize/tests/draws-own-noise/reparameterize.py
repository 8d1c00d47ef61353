"""Wrong on purpose: ignores the eps passed in and draws its own."""

import torch


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
