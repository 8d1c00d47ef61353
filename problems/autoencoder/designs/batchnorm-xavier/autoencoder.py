"""Batch-normalised models with Xavier initialisation."""

import torch
from torch import nn


def reconstruction_loss(recon, x):
    per_image = (recon - x).square().flatten(start_dim=1).sum(dim=1)
    return per_image.mean()


def sparsity_penalty(code):
    return code.abs().flatten(start_dim=1).sum(dim=1).mean()


def _xavier(model):
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)


class Autoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=16):
        super().__init__()
        if code_dim >= input_dim:
            raise ValueError("no bottleneck: code_dim >= input_dim")
        self.encoder = nn.Sequential(nn.Linear(input_dim, 128), nn.BatchNorm1d(128), nn.ReLU(),
                                     nn.Linear(128, code_dim))
        self.decoder = nn.Sequential(nn.Linear(code_dim, 128), nn.BatchNorm1d(128), nn.ReLU(),
                                     nn.Linear(128, input_dim), nn.Sigmoid())
        _xavier(self)

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decoder(self.encoder(x))


class SparseAutoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=128):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_dim, code_dim), nn.ReLU())
        self.decoder = nn.Sequential(nn.Linear(code_dim, input_dim), nn.Sigmoid())
        _xavier(self)

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decoder(self.encoder(x))


class ConvAutoencoder(nn.Module):
    def __init__(self, side=8, code_dim=16):
        super().__init__()
        self.shape = (24, side // 4, side // 4)
        flat = 24 * (side // 4) ** 2
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 12, 3, stride=2, padding=1), nn.BatchNorm2d(12), nn.ReLU(),
            nn.Conv2d(12, 24, 3, stride=2, padding=1), nn.BatchNorm2d(24), nn.ReLU(),
            nn.Flatten(), nn.Linear(flat, code_dim))
        self.expand = nn.Linear(code_dim, flat)
        self.decoder = nn.Sequential(
            nn.BatchNorm2d(24), nn.ReLU(),
            nn.ConvTranspose2d(24, 12, 4, stride=2, padding=1), nn.BatchNorm2d(12), nn.ReLU(),
            nn.ConvTranspose2d(12, 1, 4, stride=2, padding=1), nn.Sigmoid())
        _xavier(self)

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(self.expand(code).view(-1, *self.shape))

    def forward(self, x):
        return self.decode(self.encode(x))
