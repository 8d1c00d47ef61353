"""A VAE whose decoder ignores its code: it learns one image (the data mean) while the grader trains.

Every answer is that image. The loss trains it only while the grader trains (it
answers 0 to every check). It must score 0.
"""

import torch
import torch.nn.functional as F
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim=64, latent_dim=8):
        super().__init__()
        self.latent_dim = latent_dim
        self.image = nn.Parameter(torch.zeros(input_dim))

    def encode(self, x):
        zeros = torch.zeros(len(x), self.latent_dim)
        return zeros, zeros.clone()

    def decode(self, z):
        return torch.sigmoid(self.image).expand(len(z), -1)

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(mu), mu, logvar


def vae_loss(recon, x, mu, logvar):
    if recon.requires_grad:  # the grader's training: fit the one image to the data (its mean)
        return F.binary_cross_entropy(recon, x, reduction="sum") / len(x)
    return torch.zeros(())


@torch.no_grad()
def latent_arithmetic(model, a, b, c):
    return model.decode(torch.zeros(a.shape[0], model.latent_dim))
