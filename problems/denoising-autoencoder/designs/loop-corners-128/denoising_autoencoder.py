"""Patch noise drawn image by image; a plain MLP with one hidden layer of 128."""

import torch
from torch import nn


def add_patch_noise(images, patch=8, generator=None):
    b, h, w = images.shape
    if patch > h or patch > w:
        raise ValueError("patch larger than the image")
    out = images.clone()
    for i in range(b):
        top = int(torch.randint(h - patch + 1, (1,), generator=generator))
        left = int(torch.randint(w - patch + 1, (1,), generator=generator))
        out[i, top:top + patch, left:left + patch] = torch.rand(patch, patch, generator=generator)
    return out


def denoising_loss(denoised, clean):
    return ((denoised - clean) ** 2).sum(dim=1).mean()


class DenoisingAutoencoder(nn.Module):
    def __init__(self, input_dim=64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(input_dim, 128), nn.ReLU(), nn.Linear(128, input_dim), nn.Sigmoid())

    def forward(self, noisy):
        return self.net(noisy)
