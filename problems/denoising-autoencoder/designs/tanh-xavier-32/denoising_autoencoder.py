"""Tanh MLP with a 32-number code and Xavier initialisation; unfold-free noise placement."""

import torch
from torch import nn


def add_patch_noise(images, patch=8, generator=None):
    B, H, W = images.shape
    if patch > H or patch > W:
        raise ValueError("patch too large")
    noisy = images.clone()
    corners = [(torch.randint(H - patch + 1, (), generator=generator).item(),
                torch.randint(W - patch + 1, (), generator=generator).item()) for _ in range(B)]
    for b, (y, x) in enumerate(corners):
        noisy[b, y:y + patch, x:x + patch] = torch.rand((patch, patch), generator=generator)
    return noisy


def denoising_loss(denoised, clean):
    return torch.mean(torch.sum((denoised - clean) ** 2, dim=-1))


class DenoisingAutoencoder(nn.Module):
    def __init__(self, input_dim=64):
        super().__init__()
        self.encode = nn.Sequential(nn.Linear(input_dim, 200), nn.Tanh(), nn.Linear(200, 32), nn.Tanh())
        self.decode = nn.Sequential(nn.Linear(32, 200), nn.Tanh(), nn.Linear(200, input_dim), nn.Sigmoid())
        for layer in self.modules():
            if isinstance(layer, nn.Linear):
                nn.init.xavier_normal_(layer.weight)
                nn.init.constant_(layer.bias, 0.0)

    def forward(self, noisy):
        return self.decode(self.encode(noisy))
