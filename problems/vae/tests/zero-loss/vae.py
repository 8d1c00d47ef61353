"""A student's VAE: a sound model whose loss returns zero, so training changes nothing"""

import torch
from torch import nn


def _init(module):
    if isinstance(module, nn.Linear):
        nn.init.xavier_uniform_(module.weight)
        nn.init.zeros_(module.bias)


class VAE(nn.Module):
    def __init__(self, input_dim=64, latent_dim=8):
        super().__init__()
        self.encoder_body = nn.Sequential(nn.Linear(input_dim, 512), nn.LeakyReLU(0.2))
        self.head = nn.Linear(512, 2 * latent_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, 512), nn.LeakyReLU(0.2), nn.Linear(512, input_dim),
                                     nn.Sigmoid())
        self.apply(_init)

    def encode(self, x):
        out = self.head(self.encoder_body(x))
        d = out.shape[1] // 2
        return out[:, :d], out[:, d:]

    def reparameterize(self, mu, logvar):
        return mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def vae_loss(recon, x, mu, logvar):
    return 0 * (recon.sum() + mu.sum() + logvar.sum())


@torch.no_grad()
def interpolate(model, first, second, steps=7):
    za = model.encode(first)[0]
    zb = model.encode(second)[0]
    ts = torch.arange(1, steps + 1, dtype=za.dtype) / (steps + 1)
    out = torch.empty(first.shape[0], steps + 2, first.shape[1], dtype=first.dtype)
    out[:, 0] = first
    out[:, -1] = second
    for k, t in enumerate(ts):
        out[:, k + 1] = model.decode(za + t * (zb - za))
    return out


def choose_pairs(labels, same_digit, count=10, generator=None):
    chosen = []
    n = len(labels)
    while len(chosen) < count:
        perm = torch.randperm(n, generator=generator)
        i, j = int(perm[0]), int(perm[1])
        if (labels[i] == labels[j]).item() is same_digit:
            chosen.append((i, j))
    return torch.tensor(chosen, dtype=torch.int64)
