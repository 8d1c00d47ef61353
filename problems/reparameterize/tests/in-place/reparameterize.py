"""Wrong on purpose: right values and gradients, but overwrites the caller's eps in place."""

import torch


def reparameterize(mu, logvar, eps):
    return eps.mul_(torch.exp(0.5 * logvar)).add_(mu)
