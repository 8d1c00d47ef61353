"""Latent arithmetic with a deeper SiLU VAE: three layers of 128 on each side."""

import torch
from torch import nn


def mlp(sizes):
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(nn.SiLU())
    return nn.Sequential(*layers)


class VAE(nn.Module):
    def __init__(self, input_dim=64, latent_dim=8):
        super().__init__()
        self.encoder = mlp([input_dim, 128, 128, 128, 2 * latent_dim])
        self.decoder = mlp([latent_dim, 128, 128, 128, input_dim])

    def encode(self, x):
        return self.encoder(x).chunk(2, dim=-1)

    def reparameterize(self, mu, logvar):
        return mu + logvar.mul(0.5).exp() * torch.randn_like(mu)

    def decode(self, z):
        return self.decoder(z).sigmoid()

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def vae_loss(recon, x, mu, logvar):
    nll = torch.nn.functional.binary_cross_entropy(recon, x, reduction="none").sum(dim=1)
    kl = (-0.5 * (1 + logvar - mu.pow(2) - logvar.exp())).sum(dim=1)
    return torch.mean(nll + kl)


@torch.no_grad()
def latent_arithmetic(model, a, b, c):
    def centre(g):
        return torch.stack([model.encode(g[:, j])[0] for j in range(g.shape[1])], dim=1).mean(dim=1)
    return model.decode(centre(a) + centre(b) - centre(c))
