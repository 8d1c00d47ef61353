"""A student's autoencoders: ConvAutoencoder has no convolution: it flattens the image into an MLP"""

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
        self.encoder = nn.Sequential(nn.Linear(input_dim, code_dim), nn.ReLU())
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
        self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(side * side, 128), nn.ReLU(), nn.Linear(128, code_dim))
        self.decoder = nn.Sequential(nn.Linear(code_dim, 128), nn.ReLU(), nn.Linear(128, side * side), nn.Sigmoid())

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code).view(len(code), 1, self.side, self.side)

    def forward(self, x):
        return self.decode(self.encode(x))
