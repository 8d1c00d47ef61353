"""Latent-space arithmetic (Radford et al. 2016, §6.3): a + b − c on a VAE's codes, decoded.

The VAE is the one of the VAE problem: this module imports your vae.py (the kit
ships its starter beside this one) and reuses its class; replace the import by
your own class if you prefer.
"""

import torch
from torch import Tensor, nn

import vae


class VAE(vae.VAE):
    """The VAE of the VAE problem (vae.py): encode to (mu, logvar), decode to probabilities in [0, 1]."""


def vae_loss(recon: Tensor, x: Tensor, mu: Tensor, logvar: Tensor) -> Tensor:
    """The negative ELBO averaged over the batch, as in vae.py."""
    raise NotImplementedError


@torch.no_grad()
def latent_arithmetic(model: nn.Module, a: Tensor, b: Tensor, c: Tensor) -> Tensor:
    """decode(z̄_a + z̄_b − z̄_c) for each query: groups (Q, k, D) of any sizes k → images (Q, D).

    z̄ is the mean over a group of the encoder's means μ(x).
    """
    raise NotImplementedError
