"""FID between two sets of images: a feature network, then the Fréchet distance of the features.

The one FID on images of gradekit (the grader's checks, ``gradekit train``,
``gradekit fid``). Images are ``(N, C, H, W)`` in [0, 1], channels first as
the feature networks and the generators have them; grey images may also come
as ``(N, H, W)``. Images as ``gradekit.data`` loads them, ``(N, H, W, C)``,
go through ``channels_first`` first.

Feature networks: ``digits`` (the shipped digit CNN, the domain FID of the
digit problems), ``faces`` (the shipped face CNN, the DCGAN's on its
synthetic faces), ``inception`` (Inception-v3 from a local weights file), or
the path of a TorchScript module mapping images ``(N, C, H, W)`` in [0, 1] to
features.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from gradekit.metrics.frechet import feature_statistics, frechet_distance

Extractor = Callable[[torch.Tensor], torch.Tensor]


def feature_extractor(kind: str, *, inception_weights: Path | None = None,
                      device: str | torch.device = "cpu") -> Extractor:
    """The feature function for ``kind``: 'digits', 'faces', 'inception', or a TorchScript file's path."""
    if kind == "digits":
        from gradekit.metrics.digit_net import load_digit_net

        return load_digit_net().to(device).features
    if kind == "faces":
        from gradekit.data.faces import SIDE
        from gradekit.metrics.face_net import load_face_net

        faces = load_face_net().to(device)
        return lambda images: faces.features(_resized(_as_colour(images), SIDE))
    if kind == "inception":
        from gradekit.metrics.inception import inception_features, load_inception

        inception = load_inception(inception_weights).to(device)
        return lambda images: inception_features(inception, _as_colour(images))
    path = Path(kind)
    if not path.is_file():
        raise ValueError(f"unknown feature network {kind!r}: use 'digits', 'faces', 'inception' "
                         "or a TorchScript file")
    module: Extractor = torch.jit.load(str(path), map_location=device).eval()
    return module


def _as_colour(images: torch.Tensor) -> torch.Tensor:
    return images.expand(-1, 3, -1, -1) if images.shape[1] == 1 else images


def _resized(images: torch.Tensor, side: int) -> torch.Tensor:
    """``images`` at ``side`` x ``side`` (area-averaged), as the face network was trained."""
    if images.shape[-2:] == (side, side):
        return images
    return torch.nn.functional.interpolate(images, size=(side, side), mode="area")


def channels_first(images: np.ndarray) -> np.ndarray:
    """Images as ``gradekit.data`` loads them, ``(N, H, W)`` or ``(N, H, W, C)``, as ``(N, C, H, W)``."""
    array: np.ndarray = np.asarray(images)
    if array.ndim == 3:
        return np.expand_dims(array, 1)
    if array.ndim == 4:
        return np.transpose(array, (0, 3, 1, 2))
    raise ValueError(f"expected images (N, H, W) or (N, H, W, C), not shape {array.shape}")


def as_batch(images: np.ndarray) -> torch.Tensor:
    """Images ``(N, C, H, W)``, or grey ``(N, H, W)``, in [0, 1] as a float tensor ``(N, C, H, W)``."""
    array = np.asarray(images, dtype=np.float32)
    if array.ndim == 3:
        array = array[:, None]  # (N, 1, H, W)
    elif array.ndim != 4:
        raise ValueError(f"expected images (N, C, H, W) or (N, H, W), not shape {array.shape}")
    return torch.from_numpy(np.ascontiguousarray(array))


def extract_features(images: np.ndarray, extract: Extractor, *, batch_size: int = 100,
                     device: str | torch.device = "cpu",
                     on_batch: Callable[[int], None] | None = None) -> np.ndarray:
    """Features of every image ``(N, C, H, W)`` (or grey ``(N, H, W)``), in batches, as float64 rows."""
    batch = as_batch(images)
    rows: list[np.ndarray] = []
    with torch.no_grad():
        for start in range(0, len(batch), batch_size):
            chunk = batch[start:start + batch_size].to(device)
            rows.append(extract(chunk).double().cpu().numpy())
            if on_batch:
                on_batch(len(chunk))
    return np.concatenate(rows)


def image_fid(images_a: np.ndarray, images_b: np.ndarray, extract: Extractor, *, batch_size: int = 100,
              device: str | torch.device = "cpu") -> float:
    """FID between two image sets ``(N, C, H, W)`` (or grey ``(N, H, W)``) in [0, 1] under one feature network."""
    mu_a, sigma_a = feature_statistics(extract_features(images_a, extract, batch_size=batch_size, device=device))
    mu_b, sigma_b = feature_statistics(extract_features(images_b, extract, batch_size=batch_size, device=device))
    return frechet_distance(mu_a, sigma_a, mu_b, sigma_b)
