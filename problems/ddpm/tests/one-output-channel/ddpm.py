"""A student's DDPM: the network always predicts one channel, whatever the images' channels"""

import math

import torch
import torch.nn.functional as F
from torch import nn


def q_sample(x0, t, noise, alpha_bar):
    a = alpha_bar[t].view(-1, *[1] * (x0.dim() - 1))
    return a.sqrt() * x0 + (1 - a).sqrt() * noise


def embed(t, dim):
    freqs = torch.exp(-math.log(10000.0) * torch.arange(dim // 2) / (dim // 2))
    angles = t.float()[:, None] * freqs[None]
    return torch.cat([angles.sin(), angles.cos()], dim=1)


class Block(nn.Module):
    def __init__(self, cin, cout, tdim):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.t = nn.Linear(tdim, cout)
        self.skip = nn.Conv2d(cin, cout, 1)

    def forward(self, x, e):
        h = F.silu(self.c1(x)) + self.t(e)[:, :, None, None]
        return self.c2(F.silu(h)) + self.skip(x)


class UNet(nn.Module):
    def __init__(self, channels=1, base=16):
        super().__init__()
        self.base = base
        self.tmlp = nn.Sequential(nn.Linear(base, 4 * base), nn.SiLU(), nn.Linear(4 * base, 4 * base))
        self.inp = nn.Conv2d(channels, base, 3, padding=1)
        self.down = Block(base, base, 4 * base)
        self.pool = nn.Conv2d(base, 2 * base, 3, stride=2, padding=1)
        self.mid = Block(2 * base, 2 * base, 4 * base)
        self.up = nn.ConvTranspose2d(2 * base, base, 4, stride=2, padding=1)
        self.out_block = Block(2 * base, base, 4 * base)
        self.out = nn.Conv2d(base, 1, 3, padding=1)  # grey only

    def forward(self, x, t):
        e = self.tmlp(embed(t, self.base))
        s = self.down(self.inp(x), e)
        h = self.mid(self.pool(s), e)
        h = self.out_block(torch.cat([self.up(h), s], 1), e)
        return self.out(F.silu(h))


def ddpm_loss(model, x0, t, noise, alpha_bar):
    x_t = q_sample(x0, t, noise, alpha_bar)
    return F.mse_loss(model(x_t, t), noise)


def reverse_step(x_t, t, eps, betas, alpha_bar, noise):
    beta = betas[t]
    a_bar = alpha_bar[t]
    a_prev = alpha_bar[t - 1] if t > 0 else torch.ones_like(a_bar)
    mean = (x_t - beta / torch.sqrt(1 - a_bar) * eps) / torch.sqrt(1 - beta)
    return mean + torch.sqrt((1 - a_prev) / (1 - a_bar) * beta) * noise


@torch.no_grad()
def sample(model, shape, alpha_bar, steps, generator):
    T = len(alpha_bar)
    taus = torch.linspace(0, T - 1, steps).round().long()
    a = alpha_bar[taus].double()
    b = 1 - a / torch.cat([torch.ones(1, dtype=a.dtype), a[:-1]])
    a, b = a.float(), b.float()
    x = torch.randn(shape, generator=generator)
    for i in reversed(range(steps)):
        eps = model(x, torch.full((shape[0],), int(taus[i]), dtype=torch.long))
        z = torch.randn(shape, generator=generator)
        x = reverse_step(x, i, eps, b, a, z)
    return x
