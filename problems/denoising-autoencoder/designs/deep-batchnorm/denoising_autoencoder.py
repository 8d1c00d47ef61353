"""A deeper MLP with batch normalisation; noise placed by slicing."""

import torch
from torch import nn


def add_patch_noise(images, patch=8, generator=None):
    batch, height, width = images.shape
    if patch > height or patch > width or patch < 1:
        raise ValueError(f"patch {patch} does not fit {height}x{width}")
    tops = torch.randint(0, height - patch + 1, (batch,), generator=generator).tolist()
    lefts = torch.randint(0, width - patch + 1, (batch,), generator=generator).tolist()
    noise = torch.rand((batch, patch, patch), generator=generator)
    noisy = images.detach().clone()
    for k, (t, l) in enumerate(zip(tops, lefts)):
        noisy[k, t:t + patch, l:l + patch] = noise[k]
    return noisy


def denoising_loss(denoised, clean):
    return (denoised - clean).pow(2).sum() / clean.shape[0]


class DenoisingAutoencoder(nn.Module):
    def __init__(self, input_dim=64):
        super().__init__()
        dims = [input_dim, 256, 128, 64, 128, 256]
        layers = []
        for a, b in zip(dims[:-1], dims[1:]):
            layers += [nn.Linear(a, b), nn.BatchNorm1d(b), nn.ReLU()]
        layers += [nn.Linear(256, input_dim), nn.Sigmoid()]
        self.model = nn.Sequential(*layers)

    def forward(self, noisy):
        return self.model(noisy)
