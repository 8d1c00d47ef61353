"""DDPM whose step scales and shifts the features (FiLM), GELU, nearest upsampling; 24 channels."""

import torch
from torch import nn


def q_sample(x0, t, noise, alpha_bar):
    ab = alpha_bar[t][:, None, None, None]
    return ab ** 0.5 * x0 + (1 - ab) ** 0.5 * noise


class FiLMConv(nn.Module):
    def __init__(self, cin, cout, tdim):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.film = nn.Linear(tdim, 2 * cout)
        self.act = nn.GELU()

    def forward(self, x, e):
        scale, shift = self.film(e).chunk(2, dim=1)
        return self.act(self.conv(x) * (1 + scale[:, :, None, None]) + shift[:, :, None, None])


class UNet(nn.Module):
    def __init__(self, channels: int = 1):
        super().__init__()
        c, self.tdim = 24, 32
        self.a = FiLMConv(channels, c, self.tdim)
        self.b = FiLMConv(c, c, self.tdim)
        self.pool = nn.AvgPool2d(2)
        self.c = FiLMConv(c, 2 * c, self.tdim)
        self.d = FiLMConv(2 * c, 2 * c, self.tdim)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.e = FiLMConv(3 * c, c, self.tdim)
        self.f = nn.Conv2d(c, channels, 1)

    def embed(self, t):
        k = torch.arange(self.tdim // 2, dtype=torch.float32)
        w = torch.pow(10000.0, -k / (self.tdim // 2))
        a = t.float().unsqueeze(1) * w
        return torch.cat([a.sin(), a.cos()], 1)

    def forward(self, x, t):
        e = self.embed(t)
        h1 = self.b(self.a(x, e), e)
        h2 = self.d(self.c(self.pool(h1), e), e)
        h = self.e(torch.cat([self.up(h2), h1], 1), e)
        return self.f(h)


def ddpm_loss(model, x0, t, noise, alpha_bar):
    predicted = model(q_sample(x0, t, noise, alpha_bar), t)
    return torch.mean((noise - predicted) ** 2)


def reverse_step(x_t, t, eps, betas, alpha_bar, noise):
    b = betas[t]
    abar = alpha_bar[t]
    abar_prev = alpha_bar[t - 1] if t > 0 else 1.0
    coef = b / (1 - abar).sqrt()
    mu = (x_t - coef * eps) / (1 - b).sqrt()
    beta_tilde = (1 - abar_prev) / (1 - abar) * b
    return mu + beta_tilde.sqrt() * noise


@torch.no_grad()
def sample(model, shape, alpha_bar, steps, generator):
    total = len(alpha_bar)
    taus = [int(round(v)) for v in torch.linspace(0, total - 1, steps).tolist()]
    chain_ab = torch.stack([alpha_bar[k] for k in taus]).double()
    prev = torch.cat([torch.ones(1, dtype=torch.float64), chain_ab[:-1]])
    chain_b = (1 - chain_ab / prev).to(alpha_bar.dtype)
    chain_ab = chain_ab.to(alpha_bar.dtype)
    x = torch.randn(*shape, generator=generator)
    for i in range(steps - 1, -1, -1):
        eps = model(x, torch.full((shape[0],), taus[i], dtype=torch.long))
        x = reverse_step(x, i, eps, chain_b, chain_ab, torch.randn(*shape, generator=generator))
    return x
