"""Wrong on purpose: sigma = sqrt(logvar): treats logvar as a variance (and is nan for negative logvar)."""

import torch


def reparameterize(mu, logvar, eps):
    return mu + torch.sqrt(logvar) * eps
