"""Latent arithmetic with a batch-normalised VAE (256 units)."""

import torch
import torch.nn.functional as F
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim=64, latent_dim=8):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(input_dim, 256), nn.BatchNorm1d(256), nn.ReLU())
        self.to_mu = nn.Linear(256, latent_dim)
        self.to_logvar = nn.Linear(256, latent_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, 256), nn.BatchNorm1d(256), nn.ReLU(),
                                     nn.Linear(256, input_dim), nn.Sigmoid())

    def encode(self, x):
        h = self.body(x)
        return self.to_mu(h), self.to_logvar(h)

    def reparameterize(self, mu, logvar):
        return mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def vae_loss(recon, x, mu, logvar):
    return (F.binary_cross_entropy(recon, x, reduction="sum")
            + 0.5 * torch.sum(mu ** 2 + logvar.exp() - 1 - logvar)) / x.shape[0]


@torch.no_grad()
def latent_arithmetic(model, a, b, c):
    q = a.shape[0]
    everything = torch.cat([a.flatten(0, 1), b.flatten(0, 1), c.flatten(0, 1)])
    mu, _ = model.encode(everything)
    ka, kb = a.shape[1], b.shape[1]
    za = mu[: q * ka].view(q, ka, -1).mean(1)
    zb = mu[q * ka: q * (ka + kb)].view(q, kb, -1).mean(1)
    zc = mu[q * (ka + kb):].view(q, c.shape[1], -1).mean(1)
    return model.decode(za + zb - zc)
