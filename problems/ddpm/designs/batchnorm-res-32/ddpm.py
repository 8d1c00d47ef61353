"""DDPM with BatchNorm residual blocks of 32 channels, Xavier initialisation, max-pooling down."""

import math

import torch
import torch.nn.functional as F
from torch import nn


def q_sample(x0, t, noise, alpha_bar):
    coef = alpha_bar.index_select(0, t).view(-1, 1, 1, 1)
    return coef.sqrt() * x0 + (1 - coef).sqrt() * noise


class Res(nn.Module):
    def __init__(self, cin, cout, tdim):
        super().__init__()
        self.c1, self.n1 = nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout)
        self.c2, self.n2 = nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout)
        self.t = nn.Linear(tdim, cout)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, e):
        h = F.relu(self.n1(self.c1(x))) + self.t(e)[..., None, None]
        return F.relu(self.n2(self.c2(h)) + self.skip(x))


class UNet(nn.Module):
    def __init__(self, channels=1):
        super().__init__()
        self.tdim = 32
        self.mlp = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 32))
        self.r1 = Res(channels, 32, 32)
        self.r2 = Res(32, 32, 32)
        self.r3 = Res(64, 32, 32)
        self.out = nn.Conv2d(32, channels, 1)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x, t):
        half = self.tdim // 2
        freq = torch.exp(torch.arange(half) * (-math.log(10000.0) / half))
        ang = t[:, None].float() * freq[None]
        e = self.mlp(torch.cat([ang.sin(), ang.cos()], 1))
        h1 = self.r1(x, e)
        h2 = self.r2(F.max_pool2d(h1, 2), e)
        up = F.interpolate(h2, scale_factor=2, mode="bilinear", align_corners=False)
        return self.out(self.r3(torch.cat([up, h1], 1), e))


def ddpm_loss(model, x0, t, noise, alpha_bar):
    residual = noise - model(q_sample(x0, t, noise, alpha_bar), t)
    return residual.pow(2).mean()


def reverse_step(x_t, t, eps, betas, alpha_bar, noise):
    one = torch.ones((), dtype=alpha_bar.dtype)
    prev = alpha_bar[t - 1] if t > 0 else one
    posterior_var = betas[t] * (one - prev) / (one - alpha_bar[t])
    return (x_t - betas[t] * eps / (one - alpha_bar[t]).sqrt()) / (one - betas[t]).sqrt() \
        + posterior_var.sqrt() * noise


@torch.no_grad()
def sample(model, shape, alpha_bar, steps, generator):
    idx = torch.linspace(0, len(alpha_bar) - 1, steps).round().to(torch.int64)
    ab = alpha_bar[idx].to(torch.float64)
    ab_prev = torch.cat([torch.ones(1, dtype=torch.float64), ab[:-1]])
    b = (1 - ab / ab_prev).to(alpha_bar.dtype)
    ab = ab.to(alpha_bar.dtype)
    x = torch.randn(shape, generator=generator)
    for i in reversed(range(steps)):
        t = torch.full((shape[0],), int(idx[i]), dtype=torch.int64)
        x = reverse_step(x, i, model(x, t), b, ab, torch.randn(shape, generator=generator))
    return x
