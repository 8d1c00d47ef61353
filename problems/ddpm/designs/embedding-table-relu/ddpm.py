"""DDPM with a learned table of step embeddings and a plain ReLU U-Net (32 and 64 channels)."""

import torch
import torch.nn.functional as F
from torch import nn


def q_sample(x0, t, noise, alpha_bar):
    a = alpha_bar[t].view(-1, *([1] * (x0.dim() - 1)))
    return a.sqrt() * x0 + (1 - a).sqrt() * noise


class UNet(nn.Module):
    def __init__(self, channels=1, steps=1000):
        super().__init__()
        self.embed = nn.Embedding(steps, 64)
        self.inc = nn.Conv2d(channels, 32, 3, padding=1)
        self.t1 = nn.Linear(64, 32)
        self.enc = nn.Conv2d(32, 32, 3, padding=1)
        self.down = nn.Conv2d(32, 64, 4, stride=2, padding=1)
        self.t2 = nn.Linear(64, 64)
        self.mid = nn.Conv2d(64, 64, 3, padding=1)
        self.up = nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1)
        self.dec = nn.Conv2d(64, 32, 3, padding=1)
        self.out = nn.Conv2d(32, channels, 3, padding=1)

    def forward(self, x, t):
        e = self.embed(t)
        h1 = F.relu(self.enc(F.relu(self.inc(x)) + self.t1(e)[:, :, None, None]))
        h2 = F.relu(self.mid(F.relu(self.down(h1)) + self.t2(e)[:, :, None, None]))
        h = F.relu(self.dec(torch.cat([F.relu(self.up(h2)), h1], dim=1)))
        return self.out(h)


def ddpm_loss(model, x0, t, noise, alpha_bar):
    return F.mse_loss(model(q_sample(x0, t, noise, alpha_bar), t), noise)


def reverse_step(x_t, t, eps, betas, alpha_bar, noise):
    beta = betas[t]
    ab = alpha_bar[t]
    ab_prev = alpha_bar[t - 1] if t > 0 else torch.tensor(1.0, dtype=ab.dtype)
    mean = (x_t - beta / torch.sqrt(1 - ab) * eps) / torch.sqrt(1 - beta)
    sigma = torch.sqrt((1 - ab_prev) / (1 - ab) * beta)
    return mean + sigma * noise


@torch.no_grad()
def sample(model, shape, alpha_bar, steps, generator):
    T = len(alpha_bar)
    tau = torch.linspace(0, T - 1, steps).round().long()
    ab = alpha_bar[tau].double()
    betas = 1 - ab / torch.cat([torch.ones(1, dtype=ab.dtype), ab[:-1]])
    betas, ab = betas.to(alpha_bar.dtype), ab.to(alpha_bar.dtype)
    x = torch.randn(shape, generator=generator)
    for i in range(steps - 1, -1, -1):
        eps = model(x, torch.full((shape[0],), int(tau[i]), dtype=torch.long))
        z = torch.randn(shape, generator=generator)
        x = reverse_step(x, i, eps, betas, ab, z)
    return x
