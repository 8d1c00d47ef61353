"""Two hidden layers per MLP side; a convolutional model that upsamples instead of transposing."""

import torch
from torch import nn


def reconstruction_loss(recon, x):
    return ((recon - x) ** 2).reshape(len(x), -1).sum(1).mean()


def sparsity_penalty(code):
    return code.abs().reshape(len(code), -1).sum(1).mean()


class Autoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=16):
        super().__init__()
        if code_dim >= input_dim:
            raise ValueError("code_dim must be smaller than input_dim")
        self.encoder = nn.Sequential(nn.Linear(input_dim, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(),
                                     nn.Linear(64, code_dim))
        self.decoder = nn.Sequential(nn.Linear(code_dim, 64), nn.ReLU(), nn.Linear(64, 128), nn.ReLU(),
                                     nn.Linear(128, input_dim), nn.Sigmoid())

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decode(self.encode(x))


class SparseAutoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=128):
        super().__init__()
        self.enc = nn.Linear(input_dim, code_dim)
        self.dec = nn.Sequential(nn.Linear(code_dim, 96), nn.ReLU(), nn.Linear(96, input_dim))

    def encode(self, x):
        return torch.relu(self.enc(x))

    def decode(self, code):
        return torch.sigmoid(self.dec(code))

    def forward(self, x):
        return self.decode(self.encode(x))


class ConvAutoencoder(nn.Module):
    def __init__(self, side=8, code_dim=16):
        super().__init__()
        self.side = side
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(32 * (side // 4) ** 2, code_dim))
        self.fc = nn.Linear(code_dim, 32 * (side // 4) ** 2)
        self.decoder = nn.Sequential(
            nn.Upsample(scale_factor=2), nn.Conv2d(32, 16, 3, padding=1), nn.ReLU(),
            nn.Upsample(scale_factor=2), nn.Conv2d(16, 1, 3, padding=1), nn.Sigmoid())

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        h = torch.relu(self.fc(code)).view(-1, 32, self.side // 4, self.side // 4)
        return self.decoder(h)

    def forward(self, x):
        return self.decode(self.encode(x))
