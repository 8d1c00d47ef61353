"""VAE with batch normalisation: 256 and 128 units, Linear-BatchNorm-ReLU blocks."""

import torch
import torch.nn.functional as F
from torch import nn


def block(n_in, n_out):
    return [nn.Linear(n_in, n_out), nn.BatchNorm1d(n_out), nn.ReLU()]


class VAE(nn.Module):
    def __init__(self, input_dim: int = 64, latent_dim: int = 8):
        super().__init__()
        self.features = nn.Sequential(*block(input_dim, 256), *block(256, 128))
        self.mu = nn.Linear(128, latent_dim)
        self.logvar = nn.Linear(128, latent_dim)
        self.generate = nn.Sequential(*block(latent_dim, 128), *block(128, 256), nn.Linear(256, input_dim))

    def encode(self, x):
        f = self.features(x)
        return self.mu(f), self.logvar(f)

    def reparameterize(self, mu, logvar):
        noise = torch.randn(mu.shape, dtype=mu.dtype, device=mu.device)
        return mu + noise * torch.sqrt(torch.exp(logvar))

    def decode(self, z):
        return torch.sigmoid(self.generate(z))

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def gaussian_kl(mu, logvar):
    return 0.5 * torch.sum(mu ** 2 + torch.exp(logvar) - logvar - 1, dim=1)


def vae_loss(recon, x, mu, logvar):
    return F.binary_cross_entropy(recon, x, reduction="sum") / len(x) + gaussian_kl(mu, logvar).mean()


@torch.no_grad()
def interpolate(model, first, second, steps=7):
    was_training = model.training
    model.eval()
    m1, _ = model.encode(first)
    m2, _ = model.encode(second)
    weights = torch.tensor([(k + 1) / (steps + 1) for k in range(steps)])
    codes = torch.stack([m1 + w * (m2 - m1) for w in weights], 1)
    decoded = model.decode(codes.view(-1, codes.shape[-1])).view(first.shape[0], steps, first.shape[1])
    model.train(was_training)
    return torch.cat((first.unsqueeze(1), decoded, second.unsqueeze(1)), 1)


def choose_pairs(labels, same_digit, count=10, generator=None):
    result = []
    for _ in range(count):
        while True:
            i = torch.randint(len(labels), (1,), generator=generator).item()
            partners = [j for j in range(len(labels)) if j != i and (labels[j] == labels[i]) == same_digit]
            if partners:
                break
        j = partners[torch.randint(len(partners), (1,), generator=generator).item()]
        result.append([i, j])
    return torch.tensor(result, dtype=torch.long)
