"""Wrong on purpose: detaches sigma: no gradient reaches logvar."""

import torch


def reparameterize(mu, logvar, eps):
    sigma = torch.exp(0.5 * logvar).detach()
    return mu + sigma * eps
