"""KL divergence of a diagonal Gaussian from the standard normal, the VAE's prior term."""

import torch
from torch import Tensor


def gaussian_kl(mu: Tensor, logvar: Tensor) -> Tensor:
    """KL(N(mu, sigma^2) || N(0, I)) per sample, summed over the latent dimensions.

    Kingma & Welling 2014, App. B: -1/2 * sum_j (1 + log sigma_j^2 - mu_j^2 - sigma_j^2),
    with ``mu`` and ``logvar`` = log sigma^2 of shape (batch, latent).
    """
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)  # (batch,)
