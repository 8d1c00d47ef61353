"""Autoencoders on flattened or square grey images: undercomplete, sparse and convolutional.

An autoencoder learns an encoder f and a decoder g so that g(f(x)) ≈ x
(Goodfellow et al. 2016, ch. 14). What makes the code useful is a constraint:
a code narrower than the input (undercomplete), a sparsity penalty on the
code (sparse), or convolutions that share weights across the image.
"""

from torch import Tensor, nn


def reconstruction_loss(recon: Tensor, x: Tensor) -> Tensor:
    """Squared error summed over each image's pixels, averaged over the batch: a scalar."""
    return (recon - x).pow(2).flatten(1).sum(dim=1).mean()


def sparsity_penalty(code: Tensor) -> Tensor:
    """L1 penalty on the code (Goodfellow et al. 2016, eq. 14.2): batch mean of sum_j |h_j|."""
    return code.abs().flatten(1).sum(dim=1).mean()


class Autoencoder(nn.Module):
    """Undercomplete MLP autoencoder: x (B, input_dim) -> code (B, code_dim) -> x̂ (B, input_dim).

    The code must be narrower than the input, else the identity map is a
    perfect and useless solution. Reconstructions are sigmoid outputs in [0, 1].
    """

    def __init__(self, input_dim: int = 64, code_dim: int = 16, hidden_dim: int = 128):
        super().__init__()
        if code_dim >= input_dim:
            raise ValueError(f"an undercomplete autoencoder needs code_dim < input_dim, "
                             f"got code_dim={code_dim}, input_dim={input_dim}")
        self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, code_dim))
        self.decoder = nn.Sequential(nn.Linear(code_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim))

    def encode(self, x: Tensor) -> Tensor:
        return self.encoder(x)  # (B, code_dim)

    def decode(self, code: Tensor) -> Tensor:
        return self.decoder(code)  # (B, input_dim)

    def forward(self, x: Tensor) -> Tensor:
        return self.decode(self.encode(x))


class SparseAutoencoder(nn.Module):
    """Overcomplete MLP autoencoder with a ReLU code, trained with an L1 penalty on that code.

    The code may be wider than the input; sparsity (most units exactly zero for
    any one image) is the constraint instead. Train with
    ``reconstruction_loss(recon, x) + weight * sparsity_penalty(code)``.
    """

    def __init__(self, input_dim: int = 64, code_dim: int = 128):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_dim, code_dim), nn.ReLU())
        self.decoder = nn.Sequential(nn.Linear(code_dim, input_dim))

    def encode(self, x: Tensor) -> Tensor:
        return self.encoder(x)  # (B, code_dim), >= 0

    def decode(self, code: Tensor) -> Tensor:
        return self.decoder(code)  # (B, input_dim)

    def forward(self, x: Tensor) -> Tensor:
        return self.decode(self.encode(x))


class ConvAutoencoder(nn.Module):
    """Convolutional autoencoder: x (B, C, side, side) -> code (B, code_dim) -> x̂ (B, C, side, side).

    Two stride-2 convolutions halve the side twice (so ``side`` is a multiple
    of 4); transposed convolutions mirror them back. C = ``in_channels``, 1 for grey.
    """

    def __init__(self, side: int = 8, code_dim: int = 16, channels: int = 16, in_channels: int = 1):
        super().__init__()
        if side % 4:
            raise ValueError(f"side must be a multiple of 4, got {side}")
        self.reduced = (2 * channels, side // 4, side // 4)
        flat = 2 * channels * (side // 4) ** 2
        self.encoder = nn.Sequential(
            nn.Conv2d(in_channels, channels, 3, stride=2, padding=1), nn.ReLU(),  # (B, c, side/2, side/2)
            nn.Conv2d(channels, 2 * channels, 3, stride=2, padding=1), nn.ReLU(),  # (B, 2c, side/4, side/4)
            nn.Flatten(), nn.Linear(flat, code_dim))
        self.project = nn.Sequential(nn.Linear(code_dim, flat), nn.ReLU())
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(2 * channels, channels, 4, stride=2, padding=1), nn.ReLU(),  # (B, c, side/2, side/2)
            nn.ConvTranspose2d(channels, in_channels, 4, stride=2, padding=1))  # (B, C, side, side)

    def encode(self, x: Tensor) -> Tensor:
        return self.encoder(x)  # (B, code_dim)

    def decode(self, code: Tensor) -> Tensor:
        reduced = self.project(code).view(len(code), *self.reduced)  # (B, 2c, side/4, side/4)
        return self.decoder(reduced)

    def forward(self, x: Tensor) -> Tensor:
        return self.decode(self.encode(x))
