"""Vector arithmetic on latent codes (Radford et al. 2016, "Unsupervised Representation Learning with Deep
Convolutional GANs", §6.3: "smiling woman − neutral woman + neutral man = smiling man").

Each concept is a group of exemplars; its code is the mean of their codes (one
exemplar's code is too noisy, as Radford et al. found), and the answer to
a + b − c is the decoded sum of the means. The codes are a VAE encoder's
means μ(x), so the arithmetic is deterministic; the VAE is the one of the VAE
problem.
"""

import torch
from torch import Tensor, nn

try:  # as gradekit.calc.latent_arithmetic, beside gradekit.calc.vae
    from . import vae
except ImportError:  # as a submission's top-level latent_arithmetic.py, beside vae.py
    import vae


class VAE(vae.VAE):
    """The VAE of the VAE problem (vae.py): encode to (mu, logvar), decode to probabilities in [0, 1]."""


def vae_loss(recon: Tensor, x: Tensor, mu: Tensor, logvar: Tensor) -> Tensor:
    """The negative ELBO averaged over the batch, as in vae.py."""
    return vae.vae_loss(recon, x, mu, logvar)


def group_codes(model: nn.Module, group: Tensor) -> Tensor:
    """The mean code of each group of exemplars: (Q, k, D) → (Q, latent_dim)."""
    mu, _ = model.encode(group.flatten(0, 1))  # (Q·k, latent_dim)
    return mu.view(*group.shape[:2], -1).mean(dim=1)


@torch.no_grad()
def latent_arithmetic(model: nn.Module, a: Tensor, b: Tensor, c: Tensor) -> Tensor:
    """decode(z̄_a + z̄_b − z̄_c) for each query: groups (Q, k, D) of any sizes k → images (Q, D).

    z̄ is the mean over a group of the encoder's means μ(x).
    """
    return model.decode(group_codes(model, a) + group_codes(model, b) - group_codes(model, c))
