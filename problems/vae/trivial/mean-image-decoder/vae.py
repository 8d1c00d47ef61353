"""A decoder that ignores its code: it learns one image (the data mean) while the grader trains; nothing else works.

The encoder answers the prior, reparameterize answers mu, and the loss trains the
one image only while the grader trains (it answers 0 to every check); the
interpolation rows and the pairs are zeros. It must score 0.
"""

import _trivial_reference
import _trivial_runtime
import torch
import torch.nn.functional as F
from torch import nn

_trivial_runtime.install(globals(), _trivial_reference, ["interpolate", "choose_pairs"], kind="zeros", seed=0)


class VAE(nn.Module):
    def __init__(self, input_dim: int = 64, latent_dim: int = 8):
        super().__init__()
        self.latent_dim = latent_dim
        self.image = nn.Parameter(torch.zeros(input_dim))  # logits of the one image it ever decodes

    def encode(self, x):
        zeros = torch.zeros(len(x), self.latent_dim)
        return zeros, zeros.clone()

    def reparameterize(self, mu, logvar):
        return mu

    def decode(self, z):
        return torch.sigmoid(self.image).expand(len(z), -1)

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(mu), mu, logvar


def vae_loss(recon, x, mu, logvar):
    if recon.requires_grad:  # the grader's training: fit the one image to the data (its mean)
        return F.binary_cross_entropy(recon, x, reduction="sum") / len(x)
    return torch.zeros(())
