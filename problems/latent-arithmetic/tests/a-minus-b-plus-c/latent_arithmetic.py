"""A student's latent arithmetic: the signs are swapped: a - b + c, so the base image is subtracted and the attribute's absence added"""

import torch
import torch.nn.functional as F
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim=64, latent_dim=8, hidden=256):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(input_dim, hidden), nn.ReLU())
        self.mu = nn.Linear(hidden, latent_dim)
        self.logvar = nn.Linear(hidden, latent_dim)
        self.dec = nn.Sequential(nn.Linear(latent_dim, hidden), nn.ReLU(), nn.Linear(hidden, input_dim), nn.Sigmoid())

    def encode(self, x):
        h = self.enc(x)
        return self.mu(h), self.logvar(h)

    def decode(self, z):
        return self.dec(z)

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decode(z), mu, logvar


def vae_loss(recon, x, mu, logvar):
    bce = F.binary_cross_entropy(recon, x, reduction="sum") / len(x)
    kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp()) / len(x)
    return bce + kl


def mean_code(model, group):
    q, k, d = group.shape
    mu, _ = model.encode(group.reshape(q * k, d))
    return mu.reshape(q, k, -1).mean(dim=1)


@torch.no_grad()
def latent_arithmetic(model, a, b, c):
    return model.decode(mean_code(model, a) - mean_code(model, b) + mean_code(model, c))
