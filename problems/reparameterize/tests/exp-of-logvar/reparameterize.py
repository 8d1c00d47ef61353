"""Wrong on purpose: sigma = exp(logvar): treats logvar as log sigma."""

import torch


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(logvar) * eps
