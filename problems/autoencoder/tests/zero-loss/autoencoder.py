"""A student's autoencoders: sound models, but both losses return zero, so training changes nothing"""

import torch
import torch.nn.functional as F
from torch import nn


def reconstruction_loss(recon, x):
    return 0 * recon.sum()


def sparsity_penalty(code):
    return 0 * code.sum()


class Autoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=16):
        super().__init__()
        if code_dim >= input_dim:
            raise ValueError("code_dim must be < input_dim")
        self.encoder = nn.Sequential(nn.Linear(input_dim, 256), nn.LeakyReLU(0.1), nn.Linear(256, code_dim))
        self.decoder = nn.Sequential(nn.Linear(code_dim, 256), nn.LeakyReLU(0.1), nn.Linear(256, input_dim),
                                     nn.Sigmoid())

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decode(self.encode(x))


class SparseAutoencoder(nn.Module):
    def __init__(self, input_dim=64, code_dim=128):
        super().__init__()
        self.w_enc = nn.Linear(input_dim, code_dim)
        self.w_dec = nn.Linear(code_dim, input_dim)

    def encode(self, x):
        return F.relu(self.w_enc(x))

    def decode(self, code):
        return torch.sigmoid(self.w_dec(code))

    def forward(self, x):
        return self.decode(self.encode(x))


class ConvAutoencoder(nn.Module):
    def __init__(self, side=8, code_dim=16):
        super().__init__()
        self.side = side
        self.c1 = nn.Conv2d(1, 32, 3, stride=2, padding=1)
        self.c2 = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.code = nn.Linear(64 * (side // 4) ** 2, code_dim)
        self.uncode = nn.Linear(code_dim, 64 * (side // 4) ** 2)
        self.t1 = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1)
        self.t2 = nn.ConvTranspose2d(32, 1, 3, stride=2, padding=1, output_padding=1)

    def encode(self, x):
        h = F.leaky_relu(self.c1(x), 0.1)
        h = F.leaky_relu(self.c2(h), 0.1)
        return self.code(h.flatten(1))

    def decode(self, code):
        q = self.side // 4
        h = F.leaky_relu(self.uncode(code), 0.1).view(-1, 64, q, q)
        h = F.leaky_relu(self.t1(h), 0.1)
        return torch.sigmoid(self.t2(h))

    def forward(self, x):
        return self.decode(self.encode(x))
