"""Latent arithmetic with a small tanh VAE: one hidden layer of 128 units."""

import torch
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim: int = 64, latent_dim: int = 8):
        super().__init__()
        self.h = nn.Linear(input_dim, 128)
        self.m = nn.Linear(128, latent_dim)
        self.v = nn.Linear(128, latent_dim)
        self.g1 = nn.Linear(latent_dim, 128)
        self.g2 = nn.Linear(128, input_dim)

    def encode(self, x):
        h = torch.tanh(self.h(x))
        return self.m(h), self.v(h)

    def reparameterize(self, mu, logvar):
        return mu + (0.5 * logvar).exp() * torch.randn_like(logvar)

    def decode(self, z):
        return torch.sigmoid(self.g2(torch.tanh(self.g1(z))))

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def vae_loss(recon, x, mu, logvar):
    r = recon.clamp(1e-7, 1 - 1e-7)
    rec = -(x * r.log() + (1 - x) * (1 - r).log()).sum(-1)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - logvar - 1).sum(-1)
    return (rec + kl).mean()


@torch.no_grad()
def latent_arithmetic(model, a, b, c):
    z = []
    for group in (a, b, c):
        mu, _ = model.encode(group.flatten(0, 1))
        z.append(mu.unflatten(0, group.shape[:2]).mean(dim=1))
    return model.decode(z[0] + z[1] - z[2])
