"""A student's autoencoders: SparseAutoencoder's code has no ReLU: codes can be negative and the L1 penalty seldom makes them exactly 0"""

import torch
from torch import nn


def reconstruction_loss(recon, x):
    return (recon - x).pow(2).flatten(1).sum(dim=1).mean()


def sparsity_penalty(code):
    return code.abs().flatten(1).sum(dim=1).mean()


class Autoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=16, hidden_dim=128):
        super().__init__()
        if code_dim >= input_dim:
            raise ValueError("code_dim must be smaller than input_dim")
        self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, code_dim))
        self.decoder = nn.Sequential(nn.Linear(code_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim), nn.Sigmoid())

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decode(self.encode(x))


class SparseAutoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=128):
        super().__init__()
        self.encoder = nn.Linear(input_dim, code_dim)
        self.decoder = nn.Sequential(nn.Linear(code_dim, input_dim), nn.Sigmoid())

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decode(self.encode(x))


class ConvAutoencoder(nn.Module):
    def __init__(self, side=8, code_dim=16):
        super().__init__()
        self.side = side
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Flatten(), nn.Linear(32 * (side // 4) ** 2, code_dim))
        self.project = nn.Sequential(nn.Linear(code_dim, 32 * (side // 4) ** 2), nn.ReLU())
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose2d(16, 1, 4, stride=2, padding=1), nn.Sigmoid())

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(self.project(code).view(len(code), 32, self.side // 4, self.side // 4))

    def forward(self, x):
        return self.decode(self.encode(x))
