"""DDPM whose U-Net sees the step as extra input channels (sinusoids broadcast over the image)."""

import math

import torch
import torch.nn.functional as F
from torch import nn


def q_sample(x0, t, noise, alpha_bar):
    a = alpha_bar[t].reshape((-1,) + (1,) * (x0.ndim - 1))
    return torch.sqrt(a) * x0 + torch.sqrt(1 - a) * noise


def step_features(t, n=8):
    i = torch.arange(n // 2, dtype=torch.float32)
    f = torch.exp(-math.log(1000.0) * i / (n // 2))
    phase = t.float()[:, None] * f
    return torch.cat([torch.sin(phase), torch.cos(phase)], 1)  # (B, n)


class UNet(nn.Module):
    def __init__(self, channels=1):
        super().__init__()
        k = 8  # step channels
        self.k = k
        self.enc1 = nn.Sequential(nn.Conv2d(channels + k, 32, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(32, 32, 3, padding=1), nn.ReLU())
        self.enc2 = nn.Sequential(nn.Conv2d(32 + k, 64, 3, stride=2, padding=1), nn.ReLU(),
                                  nn.Conv2d(64, 64, 3, padding=1), nn.ReLU())
        self.up = nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1)
        self.dec = nn.Sequential(nn.Conv2d(64 + k, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, channels, 3,
                                                                                          padding=1))

    @staticmethod
    def _with(h, feats):
        return torch.cat([h, feats[:, :, None, None].expand(-1, -1, h.shape[2], h.shape[3])], 1)

    def forward(self, x, t):
        f = step_features(t, self.k)
        h1 = self.enc1(self._with(x, f))
        h2 = self.enc2(self._with(h1, f))
        return self.dec(self._with(torch.cat([F.relu(self.up(h2)), h1], 1), f))


def ddpm_loss(model, x0, t, noise, alpha_bar):
    return F.mse_loss(model(q_sample(x0, t, noise, alpha_bar), t), noise, reduction="mean")


def reverse_step(x_t, t, eps, betas, alpha_bar, noise):
    if t == 0:
        return (x_t - betas[0] / torch.sqrt(1 - alpha_bar[0]) * eps) / torch.sqrt(1 - betas[0])
    mean = (x_t - betas[t] / torch.sqrt(1 - alpha_bar[t]) * eps) / torch.sqrt(1 - betas[t])
    return mean + torch.sqrt((1 - alpha_bar[t - 1]) / (1 - alpha_bar[t]) * betas[t]) * noise


@torch.no_grad()
def sample(model, shape, alpha_bar, steps, generator):
    T = len(alpha_bar)
    tau = torch.linspace(0, T - 1, steps).round().long()
    new_ab = alpha_bar.double()[tau]
    new_betas = 1 - new_ab / torch.cat([torch.tensor([1.0], dtype=torch.float64), new_ab[:-1]])
    new_ab, new_betas = new_ab.to(alpha_bar.dtype), new_betas.to(alpha_bar.dtype)
    x = torch.randn(shape, generator=generator)
    for i in reversed(range(steps)):
        t = tau[i].repeat(shape[0])
        eps = model(x, t)
        noise = torch.randn(shape, generator=generator)
        x = reverse_step(x, i, eps, new_betas, new_ab, noise)
    return x
