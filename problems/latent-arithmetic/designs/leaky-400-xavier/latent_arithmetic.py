"""Latent arithmetic with a leaky-ReLU VAE of 400 units, Xavier-initialised, one (mu, logvar) head."""

import torch
import torch.nn.functional as F
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim=64, latent_dim=8):
        super().__init__()
        self.latent_dim = latent_dim
        self.encoder = nn.Sequential(nn.Linear(input_dim, 400), nn.LeakyReLU(0.2), nn.Linear(400, 2 * latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, 400), nn.LeakyReLU(0.2), nn.Linear(400, input_dim))
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)

    def encode(self, x):
        mu, logvar = torch.split(self.encoder(x), self.latent_dim, dim=1)
        return mu, logvar

    def reparameterize(self, mu, logvar):
        return mu + torch.randn_like(mu) * torch.exp(logvar / 2)

    def decode(self, z):
        return torch.sigmoid(self.decoder(z))

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def vae_loss(recon, x, mu, logvar):
    per_image = F.binary_cross_entropy(recon, x, reduction="none").sum(1)
    kl = -0.5 * (1 + logvar - mu.square() - logvar.exp()).sum(1)
    return (per_image + kl).mean()


@torch.no_grad()
def latent_arithmetic(model, a, b, c):
    codes = [torch.stack([model.encode(group[q])[0].mean(0) for q in range(group.shape[0])]) for group in (a, b, c)]
    return model.decode(codes[0] + codes[1] - codes[2])
