"""Wrong on purpose: sigma = sqrt(exp(logvar)): right in exact arithmetic, inf once exp(logvar) overflows float32."""

import torch


def reparameterize(mu, logvar, eps):
    return mu + torch.sqrt(torch.exp(logvar)) * eps
