"""A deeper VAE: three SiLU layers of 96 units on each side, Kaiming-normal initialisation."""

import torch
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim=64, latent_dim=8):
        super().__init__()
        layers, width = [], input_dim
        for _ in range(3):
            layers += [nn.Linear(width, 96), nn.SiLU()]
            width = 96
        self.encoder = nn.Sequential(*layers)
        self.to_mu = nn.Linear(96, latent_dim)
        self.to_logvar = nn.Linear(96, latent_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, 96), nn.SiLU(), nn.Linear(96, 96), nn.SiLU(),
                                     nn.Linear(96, 96), nn.SiLU(), nn.Linear(96, input_dim), nn.Sigmoid())
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                nn.init.zeros_(m.bias)

    def encode(self, x):
        h = self.encoder(x)
        return self.to_mu(h), self.to_logvar(h)

    def reparameterize(self, mu, logvar):
        return mu + torch.exp(logvar / 2) * torch.randn_like(logvar)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def vae_loss(recon, x, mu, logvar):
    log_p = x * torch.log(recon.clamp_min(1e-12)) + (1 - x) * torch.log((1 - recon).clamp_min(1e-12))
    kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - torch.exp(logvar), dim=-1)
    return (-log_p.sum(dim=-1) + kl).mean()


@torch.no_grad()
def interpolate(model, first, second, steps=7):
    a = model.encode(first)[0]
    b = model.encode(second)[0]
    parts = [first[:, None]]
    for i in range(1, steps + 1):
        parts.append(model.decode(a + (b - a) * (i / (steps + 1)))[:, None])
    parts.append(second[:, None])
    return torch.cat(parts, dim=1)


def choose_pairs(labels, same_digit, count=10, generator=None):
    pairs = []
    while len(pairs) < count:
        i = int(torch.randint(0, len(labels), (1,), generator=generator))
        j = int(torch.randint(0, len(labels), (1,), generator=generator))
        if i == j:
            continue
        if same_digit == bool(labels[i] == labels[j]):
            pairs.append((i, j))
    return torch.as_tensor(pairs, dtype=torch.int64)
