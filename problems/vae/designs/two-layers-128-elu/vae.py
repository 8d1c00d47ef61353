"""VAE with two ELU layers of 128 on each side and a joint (mu, logvar) head."""

import torch
import torch.nn.functional as F
from torch import Tensor, nn


class VAE(nn.Module):
    def __init__(self, input_dim: int = 64, latent_dim: int = 8, width: int = 128):
        super().__init__()
        self.latent_dim = latent_dim
        self.encoder = nn.Sequential(nn.Linear(input_dim, width), nn.ELU(), nn.Linear(width, width), nn.ELU(),
                                     nn.Linear(width, 2 * latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, width), nn.ELU(), nn.Linear(width, width), nn.ELU(),
                                     nn.Linear(width, input_dim))

    def encode(self, x: Tensor):
        mu, logvar = self.encoder(x).chunk(2, dim=-1)
        return mu, logvar

    def reparameterize(self, mu, logvar):
        return torch.addcmul(mu, torch.exp(logvar * 0.5), torch.randn_like(mu))

    def decode(self, z):
        return torch.sigmoid(self.decoder(z))

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def vae_loss(recon, x, mu, logvar):
    rec = F.binary_cross_entropy(recon, x, reduction="none").sum(-1)
    kl = -0.5 * (1 + logvar - mu * mu - torch.exp(logvar)).sum(-1)
    return torch.mean(rec + kl)


@torch.no_grad()
def interpolate(model, first, second, steps=7):
    mu1 = model.encode(first)[0]
    mu2 = model.encode(second)[0]
    columns = [first]
    for i in range(steps):
        w = (i + 1) / (steps + 1)
        columns.append(model.decode(torch.lerp(mu1, mu2, w)))
    columns.append(second)
    return torch.stack(columns, dim=1)


def choose_pairs(labels, same_digit, count=10, generator=None):
    pairs = torch.empty(count, 2, dtype=torch.long)
    n = labels.numel()
    filled = 0
    while filled < count:
        i = int(torch.randint(n, (), generator=generator))
        if same_digit:
            options = (labels == labels[i]).nonzero().flatten()
            options = options[options != i]
        else:
            options = (labels != labels[i]).nonzero().flatten()
        if len(options) == 0:
            continue
        j = options[torch.randint(len(options), (), generator=generator)]
        pairs[filled] = torch.stack([torch.tensor(i), j])
        filled += 1
    return pairs
