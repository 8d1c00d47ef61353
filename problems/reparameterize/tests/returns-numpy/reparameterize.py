"""Wrong on purpose: returns a numpy array: not a tensor, and no gradient flows."""

import torch


def reparameterize(mu, logvar, eps):
    return (mu + torch.exp(0.5 * logvar) * eps).detach().numpy()
