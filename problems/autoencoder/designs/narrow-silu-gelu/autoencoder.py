"""Narrow SiLU/GELU models: 64 hidden units, 8 and 16 channels."""

import torch
from torch import nn


def reconstruction_loss(recon, x):
    return torch.sum((recon - x) ** 2) / len(x)


def sparsity_penalty(code):
    return torch.sum(code.abs()) / len(code)


class Autoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=16):
        super().__init__()
        if code_dim >= input_dim:
            raise ValueError(f"code_dim {code_dim} >= input_dim {input_dim}")
        self.encoder = nn.Sequential(nn.Linear(input_dim, 64), nn.SiLU(), nn.Linear(64, code_dim))
        self.decoder = nn.Sequential(nn.Linear(code_dim, 64), nn.SiLU(), nn.Linear(64, input_dim), nn.Sigmoid())

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decode(self.encode(x))


class SparseAutoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=128):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_dim, 64), nn.GELU(), nn.Linear(64, code_dim), nn.ReLU())
        self.decoder = nn.Sequential(nn.Linear(code_dim, 64), nn.GELU(), nn.Linear(64, input_dim), nn.Sigmoid())

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decode(self.encode(x))


class ConvAutoencoder(nn.Module):
    def __init__(self, side=8, code_dim=16):
        super().__init__()
        self.q = side // 4
        self.down = nn.Sequential(nn.Conv2d(1, 8, 3, 2, 1), nn.GELU(), nn.Conv2d(8, 16, 3, 2, 1), nn.GELU())
        self.fc_in = nn.Linear(16 * self.q * self.q, code_dim)
        self.fc_out = nn.Sequential(nn.Linear(code_dim, 16 * self.q * self.q), nn.GELU())
        self.up = nn.Sequential(nn.ConvTranspose2d(16, 8, 2, 2), nn.GELU(), nn.ConvTranspose2d(8, 1, 2, 2),
                                nn.Sigmoid())

    def encode(self, x):
        return self.fc_in(self.down(x).flatten(1))

    def decode(self, code):
        return self.up(self.fc_out(code).unflatten(1, (16, self.q, self.q)))

    def forward(self, x):
        return self.decode(self.encode(x))
