"""DDPM with a two-level U-Net (side -> side/2 -> side/4), GroupNorm and SiLU, sinusoidal steps."""

import math

import torch
import torch.nn.functional as F
from torch import nn


def q_sample(x0, t, noise, alpha_bar):
    scale = alpha_bar.gather(0, t).reshape(-1, 1, 1, 1).to(x0.dtype)
    return torch.sqrt(scale) * x0 + torch.sqrt(1.0 - scale) * noise


def sinusoids(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / (half - 1))
    args = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=-1)


class Block(nn.Module):
    def __init__(self, cin, cout, tdim):
        super().__init__()
        self.norm1 = nn.GroupNorm(4, cin) if cin % 4 == 0 else nn.Identity()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.temb = nn.Linear(tdim, cout)
        self.norm2 = nn.GroupNorm(4, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.res = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, emb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.temb(emb)[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return h + self.res(x)


class UNet(nn.Module):
    def __init__(self, channels=1, width=16):
        super().__init__()
        tdim = 4 * width
        self.width = width
        self.tmlp = nn.Sequential(nn.Linear(width, tdim), nn.SiLU(), nn.Linear(tdim, tdim))
        self.stem = nn.Conv2d(channels, width, 3, padding=1)
        self.b1 = Block(width, width, tdim)
        self.d1 = nn.Conv2d(width, width, 3, stride=2, padding=1)
        self.b2 = Block(width, 2 * width, tdim)
        self.d2 = nn.Conv2d(2 * width, 2 * width, 3, stride=2, padding=1)
        self.mid = Block(2 * width, 2 * width, tdim)
        self.u2 = nn.ConvTranspose2d(2 * width, 2 * width, 2, stride=2)
        self.b3 = Block(4 * width, 2 * width, tdim)
        self.u1 = nn.ConvTranspose2d(2 * width, width, 2, stride=2)
        self.b4 = Block(2 * width, width, tdim)
        self.norm = nn.GroupNorm(4, width)
        self.head = nn.Conv2d(width, channels, 3, padding=1)

    def forward(self, x, t):
        emb = self.tmlp(sinusoids(t, self.width))
        s1 = self.b1(self.stem(x), emb)
        s2 = self.b2(self.d1(s1), emb)
        h = self.mid(self.d2(s2), emb)
        h = self.b3(torch.cat([self.u2(h), s2], 1), emb)
        h = self.b4(torch.cat([self.u1(h), s1], 1), emb)
        return self.head(F.silu(self.norm(h)))


def ddpm_loss(model, x0, t, noise, alpha_bar):
    x_t = q_sample(x0, t, noise, alpha_bar)
    return ((noise - model(x_t, t)) ** 2).mean()


def reverse_step(x_t, t, eps, betas, alpha_bar, noise):
    alpha = 1 - betas[t]
    prev = alpha_bar[t - 1] if t >= 1 else alpha_bar.new_tensor(1.0)
    x_mean = (x_t - (1 - alpha) / torch.sqrt(1 - alpha_bar[t]) * eps) / torch.sqrt(alpha)
    var = betas[t] * (1 - prev) / (1 - alpha_bar[t])
    return x_mean + torch.sqrt(var) * noise


@torch.no_grad()
def sample(model, shape, alpha_bar, steps, generator):
    T = alpha_bar.shape[0]
    timesteps = torch.linspace(0, T - 1, steps).round().long()
    chain = alpha_bar[timesteps].to(torch.float64)
    betas = 1.0 - chain / torch.cat([chain.new_ones(1), chain[:-1]])
    x = torch.randn(shape, generator=generator)
    for i in reversed(range(steps)):
        t = torch.full((shape[0],), timesteps[i].item(), dtype=torch.int64)
        eps = model(x, t)
        z = torch.randn(shape, generator=generator)
        x = reverse_step(x, i, eps, betas.to(alpha_bar.dtype), chain.to(alpha_bar.dtype), z)
    return x
