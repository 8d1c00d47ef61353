"""Wide tanh MLPs; a convolutional model with 3 stages of 8 to 32 channels."""

import torch
import torch.nn.functional as F
from torch import nn


def reconstruction_loss(recon, x):
    return F.mse_loss(recon, x, reduction="sum") / x.shape[0]


def sparsity_penalty(code):
    return torch.sum(torch.abs(code)) / code.shape[0]


class Autoencoder(nn.Module):
    def __init__(self, input_dim: int = 64, code_dim: int = 16):
        super().__init__()
        if not code_dim < input_dim:
            raise ValueError(f"code_dim={code_dim} is not below input_dim={input_dim}")
        self.e1, self.e2 = nn.Linear(input_dim, 256), nn.Linear(256, code_dim)
        self.d1, self.d2 = nn.Linear(code_dim, 256), nn.Linear(256, input_dim)

    def encode(self, x):
        return self.e2(torch.tanh(self.e1(x)))

    def decode(self, code):
        return torch.sigmoid(self.d2(torch.tanh(self.d1(code))))

    def forward(self, x):
        return self.decode(self.encode(x))


class SparseAutoencoder(nn.Module):
    def __init__(self, input_dim: int = 64, code_dim: int = 128):
        super().__init__()
        self.e1, self.e2 = nn.Linear(input_dim, 128), nn.Linear(128, code_dim)
        self.d = nn.Linear(code_dim, input_dim)

    def encode(self, x):
        return F.relu(self.e2(torch.tanh(self.e1(x))))

    def decode(self, code):
        return torch.sigmoid(self.d(code))

    def forward(self, x):
        return self.decode(self.encode(x))


class ConvAutoencoder(nn.Module):
    def __init__(self, side: int = 8, code_dim: int = 16):
        super().__init__()
        q = side // 4
        self.q = q
        self.convs = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.Tanh(),
            nn.Conv2d(8, 16, 4, stride=2, padding=1), nn.Tanh(),
            nn.Conv2d(16, 32, 4, stride=2, padding=1), nn.Tanh())
        self.to_code = nn.Linear(32 * q * q, code_dim)
        self.from_code = nn.Linear(code_dim, 32 * q * q)
        self.deconvs = nn.Sequential(
            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.Tanh(),
            nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1), nn.Tanh(),
            nn.Conv2d(8, 1, 3, padding=1))

    def encode(self, x):
        return self.to_code(self.convs(x).flatten(1))

    def decode(self, code):
        h = torch.tanh(self.from_code(code)).view(code.shape[0], 32, self.q, self.q)
        return torch.sigmoid(self.deconvs(h))

    def forward(self, x):
        return self.decode(self.encode(x))
