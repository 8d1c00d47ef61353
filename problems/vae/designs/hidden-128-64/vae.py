"""A VAE with two hidden layers, 128 then 64 units, mirrored in the decoder."""

import torch
import torch.nn.functional as F
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim=64, latent_dim=8):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(input_dim, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())
        self.fc_mu = nn.Linear(64, latent_dim)
        self.fc_logvar = nn.Linear(64, latent_dim)
        self.dec = nn.Sequential(nn.Linear(latent_dim, 64), nn.ReLU(), nn.Linear(64, 128), nn.ReLU(),
                                 nn.Linear(128, input_dim), nn.Sigmoid())

    def encode(self, x):
        h = self.enc(x)
        return self.fc_mu(h), self.fc_logvar(h)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        return mu + std * torch.randn_like(std)

    def decode(self, z):
        return self.dec(z)

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def vae_loss(recon, x, mu, logvar):
    bce = F.binary_cross_entropy(recon, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return (bce + kld) / x.shape[0]


@torch.no_grad()
def interpolate(model, first, second, steps=7):
    mu_a, _ = model.encode(first)
    mu_b, _ = model.encode(second)
    rows = []
    for k in range(1, steps + 1):
        t = k / (steps + 1)
        rows.append(model.decode((1 - t) * mu_a + t * mu_b))
    middle = torch.stack(rows, dim=1)
    return torch.cat([first.unsqueeze(1), middle, second.unsqueeze(1)], dim=1)


def choose_pairs(labels, same_digit, count=10, generator=None):
    n = len(labels)
    out = []
    while len(out) < count:
        i, j = torch.randint(n, (2,), generator=generator).tolist()
        if i != j and (bool(labels[i] == labels[j]) == same_digit):
            out.append([i, j])
    return torch.tensor(out, dtype=torch.int64)
