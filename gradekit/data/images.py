"""What every loader returns: a train/test split of images in [0, 1]."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image


class DataError(FileNotFoundError):
    """Data that is missing or unreadable; the message names the path and what was expected."""


@dataclass(frozen=True)
class ImageSplit:
    """Train and test images as float32 in [0, 1], with integer labels where the data has them.

    Images are ``(N, H, W)`` for grey images and ``(N, H, W, C)`` for colour.
    """

    name: str
    train_images: np.ndarray
    test_images: np.ndarray
    train_labels: np.ndarray | None = None
    test_labels: np.ndarray | None = None

    @property
    def image_shape(self) -> tuple[int, ...]:
        return tuple(self.train_images.shape[1:])

    @property
    def input_dim(self) -> int:
        return int(np.prod(self.image_shape))

    @property
    def has_labels(self) -> bool:
        return self.train_labels is not None and self.test_labels is not None

    def flat(self) -> tuple[np.ndarray, np.ndarray]:
        """The train and test images as rows: ``(N, H*W*C)`` each."""
        return (self.train_images.reshape(len(self.train_images), -1),
                self.test_images.reshape(len(self.test_images), -1))


def resize_images(images: np.ndarray, side: int) -> np.ndarray:
    """Bilinear resize of grey images ``(N, H, W)`` in [0, 1] to ``(N, side, side)``."""
    if images.ndim != 3:
        raise ValueError(f"resize_images takes grey images (N, H, W), not shape {images.shape}")
    if images.shape[1:] == (side, side):
        return images.astype(np.float32)
    resized = [np.asarray(Image.fromarray(image.astype(np.float32), mode="F")
                          .resize((side, side), Image.Resampling.BILINEAR))
               for image in images]
    # bilinear weights are convex, so only round-off can leave [0, 1]
    return np.clip(np.stack(resized), 0.0, 1.0).astype(np.float32)
