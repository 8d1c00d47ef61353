"""FID between two sets of images: a feature network, then the Fréchet distance of the features.

Feature networks: ``digits`` (the shipped digit CNN, the domain FID of the digit
problems), ``faces`` (the shipped face CNN, the DCGAN's on its synthetic faces), ``inception`` (Inception-v3 from a local weights file), or the path
of a TorchScript module mapping images ``(N, C, H, W)`` in [0, 1] to features.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import torch

from gradekit.metrics.frechet import feature_statistics, frechet_distance

Extractor = Callable[[torch.Tensor], torch.Tensor]


def feature_extractor(kind: str, *, inception_weights: Path | None = None,
                      device: str = "cpu") -> Extractor:
    """The feature function for ``kind``: 'digits', 'faces', 'inception', or a TorchScript file's path."""
    if kind == "digits":
        from gradekit.metrics.digit_net import load_digit_net

        net = load_digit_net().to(device)
        return net.features
    if kind == "faces":
        from gradekit.metrics.face_net import SIDE, load_face_net

        net = load_face_net().to(device)
        return lambda images: net.features(_resized(_as_colour(images), SIDE))
    if kind == "inception":
        from gradekit.metrics.inception import inception_features, load_inception

        net = load_inception(inception_weights).to(device)
        return lambda images: inception_features(net, _as_colour(images))
    path = Path(kind)
    if not path.is_file():
        raise ValueError(f"unknown feature network {kind!r}: use 'digits', 'faces', 'inception' "
                         "or a TorchScript file")
    module = torch.jit.load(str(path), map_location=device).eval()
    return module


def _as_colour(images: torch.Tensor) -> torch.Tensor:
    return images.expand(-1, 3, -1, -1) if images.shape[1] == 1 else images


def _resized(images: torch.Tensor, side: int) -> torch.Tensor:
    """``images`` at ``side`` x ``side`` (area-averaged), as the face network was trained."""
    if images.shape[-2:] == (side, side):
        return images
    return torch.nn.functional.interpolate(images, size=(side, side), mode="area")


def as_batch(images: np.ndarray) -> torch.Tensor:
    """Images ``(N, H, W)`` or ``(N, H, W, C)`` in [0, 1] as a float tensor ``(N, C, H, W)``."""
    array = np.asarray(images, dtype=np.float32)
    if array.ndim == 3:
        array = array[:, None]  # (N, 1, H, W)
    elif array.ndim == 4:
        array = array.transpose(0, 3, 1, 2)  # (N, C, H, W)
    else:
        raise ValueError(f"expected images (N, H, W) or (N, H, W, C), not shape {array.shape}")
    return torch.from_numpy(np.ascontiguousarray(array))


def extract_features(images: np.ndarray, extract: Extractor, *, batch_size: int = 100,
                     device: str = "cpu", on_batch: Callable[[int], None] | None = None) -> np.ndarray:
    """Features of every image, in batches, as float64 rows."""
    batch = as_batch(images)
    rows = []
    with torch.no_grad():
        for start in range(0, len(batch), batch_size):
            chunk = batch[start:start + batch_size].to(device)
            rows.append(extract(chunk).double().cpu().numpy())
            if on_batch:
                on_batch(len(chunk))
    return np.concatenate(rows)


def image_fid(images_a: np.ndarray, images_b: np.ndarray, extract: Extractor, **options) -> float:
    """FID between two image sets under one feature network."""
    mu_a, sigma_a = feature_statistics(extract_features(images_a, extract, **options))
    mu_b, sigma_b = feature_statistics(extract_features(images_b, extract, **options))
    return frechet_distance(mu_a, sigma_a, mu_b, sigma_b)
