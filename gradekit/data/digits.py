"""scikit-learn's bundled 8x8 digits (1,797 images): the default data, no download."""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from gradekit.data.images import ImageSplit, resize_images

DIGITS_MAX = 16.0  # the bundled digits hold counts 0..16 (4x4 blocks of a 32x32 bitmap)


def load_digits_split(seed: int = 0, test_fraction: float = 0.2, side: int = 8) -> ImageSplit:
    """The digits as a stratified train/test split fixed by ``seed``, pixels scaled to [0, 1].

    ``side`` upscales the 8x8 images bilinearly (28 matches MNIST, 32 the DCGAN size).
    """
    bunch = load_digits()
    images = (bunch.images / DIGITS_MAX).astype(np.float32)  # (1797, 8, 8)
    labels = bunch.target.astype(np.int64)
    train_x, test_x, train_y, test_y = train_test_split(
        images, labels, test_size=test_fraction, random_state=seed, stratify=labels)
    if side != 8:
        train_x, test_x = resize_images(train_x, side), resize_images(test_x, side)
    name = "digits" if side == 8 else f"digits {side}x{side}"
    return ImageSplit(name, train_x, test_x, train_y, test_y)
