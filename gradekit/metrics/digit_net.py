"""A small CNN on the bundled 8x8 digits: domain features for FID, and a digit classifier.

Inception-v3 has never seen an 8x8 digit, so for the digit problems (GAN and
diffusion samples, conditional GAN labels) a network trained on the digits
themselves gives a more telling Fréchet distance. Its weights ship with the
package (``weights/digit_net.pt``, ~0.6 MB), made by ``python -m
gradekit.metrics.digit_net`` from a fixed seed; nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

WEIGHTS = Path(__file__).resolve().parent / "weights" / "digit_net.pt"
SIDE = 8  # the bundled digits' size; other sizes are resized to it
FEATURES = 128


class DigitNet(nn.Module):
    """conv(32) → conv(64) → pool → fc(128) → fc(10); ``features`` is the 128-d layer."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.hidden = nn.Linear(64 * 4 * 4, FEATURES)
        self.classify = nn.Linear(FEATURES, 10)

    def features(self, images: torch.Tensor) -> torch.Tensor:
        """Images ``(N, H, W)`` or ``(N, 1, H, W)`` in [0, 1] → features ``(N, 128)``."""
        x = as_digit_batch(images)  # (N, 1, 8, 8)
        x = F.relu(self.conv1(x))  # (N, 32, 8, 8)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)  # (N, 64, 4, 4)
        return F.relu(self.hidden(x.flatten(1)))  # (N, 128)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Class logits ``(N, 10)``."""
        logits: torch.Tensor = self.classify(self.features(images))
        return logits


def as_digit_batch(images: torch.Tensor) -> torch.Tensor:
    """Grey images as ``(N, 1, 8, 8)``: a channel axis added, colour averaged, size area-resized."""
    x = images.float()
    if x.ndim == 3:
        x = x.unsqueeze(1)
    if x.ndim != 4:
        raise ValueError(f"expected images (N, H, W) or (N, C, H, W), not shape {tuple(images.shape)}")
    if x.shape[1] != 1:
        x = x.mean(dim=1, keepdim=True)
    if x.shape[-2:] != (SIDE, SIDE):
        x = F.interpolate(x, size=(SIDE, SIDE), mode="area")
    return x


def train_digit_net(images: np.ndarray, labels: np.ndarray, *, epochs: int = 40, seed: int = 0,
                    batch_size: int = 64) -> DigitNet:
    """Train a ``DigitNet`` with Adam on ``images (N, 8, 8)`` in [0, 1]; deterministic for a seed."""
    torch.manual_seed(seed)
    net = DigitNet()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.from_numpy(np.asarray(images, dtype=np.float32))
    y = torch.from_numpy(np.asarray(labels, dtype=np.int64))
    order = torch.Generator().manual_seed(seed)
    net.train()
    for _ in range(epochs):
        for batch in torch.randperm(len(x), generator=order).split(batch_size):
            loss = F.cross_entropy(net(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return net.eval()


def load_digit_net(path: Path = WEIGHTS) -> DigitNet:
    """The shipped network, ready for inference (``weights_only``: the file cannot run code)."""
    if not path.is_file():
        raise FileNotFoundError(f"digit feature network weights not found at {path}; "
                                "make them with: python -m gradekit.metrics.digit_net")
    net = DigitNet()
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return net.eval()


def accuracy(net: DigitNet, images: np.ndarray, labels: np.ndarray) -> float:
    with torch.no_grad():
        predicted = net(torch.from_numpy(np.asarray(images, dtype=np.float32))).argmax(dim=1).numpy()
    return float((predicted == labels).mean())


def main() -> None:
    """Retrain the shipped weights from the bundled digits (seed 0) and report test accuracy."""
    from gradekit.data import load_digits_split

    torch.set_num_threads(1)  # one thread: the same floating-point order on every machine
    split = load_digits_split(seed=0)
    assert split.train_labels is not None and split.test_labels is not None  # the bundled digits are labelled
    net = train_digit_net(split.train_images, split.train_labels)
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    torch.save(net.state_dict(), WEIGHTS)
    print(f"wrote {WEIGHTS}; test accuracy {accuracy(net, split.test_images, split.test_labels):.4f}")


if __name__ == "__main__":
    main()
