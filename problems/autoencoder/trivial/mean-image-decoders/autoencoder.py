"""Decoders that ignore their codes: each learns one image (the data mean) while the grader trains.

The codes are constant zeros, and the losses train the one image only while the
grader trains (they answer 0 to every check). It must score 0.
"""

import torch
from torch import nn


def reconstruction_loss(recon, x):
    if recon.requires_grad:  # the grader's training: fit the one image to the data (its mean)
        return (recon - x).pow(2).flatten(1).sum(1).mean()
    return torch.zeros(())


def sparsity_penalty(code):
    return torch.zeros(())


class _MeanImage(nn.Module):
    def __init__(self, code_shape, image_shape):
        super().__init__()
        self.code_shape = code_shape
        self.image = nn.Parameter(torch.zeros(image_shape))

    def encode(self, x):
        return torch.zeros(len(x), *self.code_shape)

    def decode(self, code):
        return torch.sigmoid(self.image).expand(len(code), *self.image.shape)

    def forward(self, x):
        return self.decode(self.encode(x))


class Autoencoder(_MeanImage):
    def __init__(self, input_dim=64, code_dim=16):
        if code_dim >= input_dim:
            raise ValueError("code_dim must be below input_dim")
        super().__init__((code_dim,), (input_dim,))


class SparseAutoencoder(_MeanImage):
    def __init__(self, input_dim=64, code_dim=128):
        super().__init__((code_dim,), (input_dim,))


class ConvAutoencoder(_MeanImage):
    def __init__(self, side=8, code_dim=16):
        super().__init__((code_dim,), (1, side, side))
        self.conv = nn.Conv2d(1, 1, 1)  # a convolution it never uses
