"""A student's VAE: the loss sums over the batch instead of averaging"""

import torch
import torch.nn.functional as F
from torch import nn


def vae_loss(recon, x, mu, logvar):
    bce = F.binary_cross_entropy(recon, x, reduction="none").flatten(1).sum(dim=1)
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1)
    return (bce + kl).sum()


class VAE(nn.Module):
    def __init__(self, input_dim=64, latent_dim=8, hidden_dim=256):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU())
        self.to_mu = nn.Linear(hidden_dim, latent_dim)
        self.to_logvar = nn.Linear(hidden_dim, latent_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim), nn.Sigmoid())

    def encode(self, x):
        hidden = self.body(x)
        return self.to_mu(hidden), self.to_logvar(hidden)

    def reparameterize(self, mu, logvar):
        return mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


@torch.no_grad()
def interpolate(model, first, second, steps=7):
    mu_first, _ = model.encode(first)
    mu_second, _ = model.encode(second)
    t = torch.arange(1, steps + 1, dtype=mu_first.dtype) / (steps + 1)
    codes = mu_first[:, None] + t[None, :, None] * (mu_second - mu_first)[:, None]
    between = model.decode(codes.flatten(0, 1)).view(len(first), steps, -1)
    return torch.cat([first[:, None], between, second[:, None]], dim=1)


def choose_pairs(labels, same_digit, count=10, generator=None):
    pairs = []
    while len(pairs) < count:
        i, j = torch.randint(len(labels), (2,), generator=generator).tolist()
        if i != j and (labels[i] == labels[j]) == same_digit:
            pairs.append((i, j))
    return torch.tensor(pairs, dtype=torch.long)
