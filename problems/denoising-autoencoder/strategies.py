"""Inputs both check files share: batches of grey images with a patch size that fits them."""

import numpy as np
from hypothesis import strategies as st


@st.composite
def images_and_patch(draw):
    """(images, patch, seed): random grey images (B, H, W) in [0, 1), H, W >= 2, and a patch that leaves
    some pixels of each image outside it.

    The pixels are random floats, so a noise value equals the pixel it replaces with probability 0:
    the changed pixels are exactly the patch.
    """
    batch, height, width = draw(st.integers(2, 4)), draw(st.integers(2, 30)), draw(st.integers(2, 30))
    patch = draw(st.integers(1, min(height, width) - (height == width)))
    seed = draw(st.integers(0, 2**16))
    images = np.random.default_rng(seed).random((batch, height, width), dtype=np.float32)
    return images, patch, seed


def fixed_images_and_patch(shape: tuple = (2, 8, 8), patch: int = 3, seed: int = 0):
    """One explicit example of ``images_and_patch``: every check holds it whatever hypothesis draws."""
    return np.random.default_rng(seed).random(shape, dtype=np.float32), patch, seed


def changed_boxes(images: np.ndarray, noisy: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """For each image, (top, left, height, width, count) of the pixels the noise changed."""
    boxes = []
    for before, after in zip(images, noisy):
        rows, cols = np.nonzero(before != after)
        if len(rows) == 0:
            boxes.append((0, 0, 0, 0, 0))
        else:
            boxes.append((int(rows.min()), int(cols.min()), int(rows.max() - rows.min() + 1),
                          int(cols.max() - cols.min() + 1), len(rows)))
    return boxes
