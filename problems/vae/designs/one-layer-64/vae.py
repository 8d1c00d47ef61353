"""A small VAE: one hidden layer of 64 units on each side."""

import torch
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim: int = 64, latent_dim: int = 8):
        super().__init__()
        self.hidden = nn.Linear(input_dim, 64)
        self.mean = nn.Linear(64, latent_dim)
        self.log_variance = nn.Linear(64, latent_dim)
        self.up = nn.Linear(latent_dim, 64)
        self.out = nn.Linear(64, input_dim)

    def encode(self, x):
        h = torch.relu(self.hidden(x))
        return self.mean(h), self.log_variance(h)

    def reparameterize(self, mu, logvar):
        eps = torch.randn_like(mu)
        return mu + eps * (logvar / 2).exp()

    def decode(self, z):
        return torch.sigmoid(self.out(torch.relu(self.up(z))))

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def vae_loss(recon, x, mu, logvar):
    eps = 1e-7
    r = recon.clamp(eps, 1 - eps)
    nll = -(x * torch.log(r) + (1 - x) * torch.log(1 - r)).sum(dim=1)
    kl = 0.5 * (mu ** 2 + logvar.exp() - 1 - logvar).sum(dim=1)
    return (nll + kl).mean()


@torch.no_grad()
def interpolate(model, first, second, steps=7):
    a, _ = model.encode(first)
    b, _ = model.encode(second)
    t = torch.linspace(0, 1, steps + 2)[1:-1]
    codes = a[:, None, :] + t[None, :, None] * (b - a)[:, None, :]
    images = model.decode(codes.reshape(-1, a.shape[1])).reshape(len(first), steps, -1)
    return torch.cat([first[:, None], images, second[:, None]], 1)


def choose_pairs(labels, same_digit, count=10, generator=None):
    labels = labels.flatten()
    match = labels[:, None] == labels[None, :]
    ok = match if same_digit else ~match
    ok &= ~torch.eye(len(labels), dtype=torch.bool)
    candidates = ok.nonzero()
    if len(candidates) == 0:
        raise ValueError("no such pair")
    pick = torch.randint(len(candidates), (count,), generator=generator)
    return candidates[pick].to(torch.int64)
