"""Seeded images of squares with binary attributes: the stand-in for the faces of DCGAN's vector arithmetic.

Each 16x16 RGB image shows one square on black, with three attributes a
grader can read back, and a position it should not care about:

- ``blue``: the square is blue (1) or red (0);
- ``large``: 8 (1) or 4 (0) pixels wide;
- ``hat``: a yellow bar sits on top of the square (1) or not (0) (the
  assignment's "man with a hat");
- the square's centre moves over a 4x3 grid of positions: the nuisance that
  makes arithmetic in pixel space leave ghosts, as misaligned faces do in
  Radford et al. 2016, §6.3.

Every combination of attributes at every position is one of the gallery's 96
exact renderings; the nearest rendering of an image reads its attributes.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np

SIDE = 16
ATTRIBUTES = ("blue", "large", "hat")
CENTRES_X = (6, 7, 8, 9)
CENTRES_Y = (8, 9, 10)  # low enough for a large square's hat to fit above it
RED, BLUE, YELLOW = (1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (1.0, 1.0, 0.0)
HALF_WIDTH = {0: 2, 1: 4}
HAT_HEIGHT = 2


def render(attributes: tuple[int, ...], centre: tuple[int, int]) -> np.ndarray:
    """One image (16, 16, 3) in [0, 1]: the square with ``attributes`` (in ATTRIBUTES' order) at ``centre`` (x, y).

    The square covers columns cx − w .. cx + w − 1 and rows cy − w .. cy + w − 1 (w its half-width);
    the hat, as wide as the square, the two rows above it.
    """
    is_blue, is_large, has_hat = attributes
    cx, cy = centre
    half = HALF_WIDTH[is_large]
    image = np.zeros((SIDE, SIDE, 3), np.float32)
    image[cy - half:cy + half, cx - half:cx + half] = BLUE if is_blue else RED
    if has_hat:
        image[cy - half - HAT_HEIGHT:cy - half, cx - half:cx + half] = YELLOW
    return image


@dataclass(frozen=True)
class AttributeSet:
    """Images (N, 16, 16, 3) in [0, 1], their attributes (N, 3) of 0/1, and their centres (N, 2)."""

    images: np.ndarray
    attributes: np.ndarray
    centres: np.ndarray

    def flat(self) -> np.ndarray:
        """The images as rows (N, 768), the layout an MLP autoencoder takes."""
        return self.images.reshape(len(self.images), -1)


def gallery() -> AttributeSet:
    """Every attribute combination at every centre: 96 exact renderings."""
    combos = [(a, (x, y)) for a in product((0, 1), repeat=len(ATTRIBUTES)) for x in CENTRES_X for y in CENTRES_Y]
    return AttributeSet(np.stack([render(a, c) for a, c in combos]),
                        np.array([a for a, _ in combos], np.int64), np.array([c for _, c in combos], np.int64))


def draw_images(attributes: np.ndarray, rng: np.random.Generator) -> AttributeSet:
    """One rendering per attribute row (N, 3), each at a centre drawn from ``rng``."""
    attributes = np.asarray(attributes, np.int64).reshape(-1, len(ATTRIBUTES))
    centres = np.stack([rng.choice(CENTRES_X, len(attributes)), rng.choice(CENTRES_Y, len(attributes))], axis=1)
    images = np.stack([render(tuple(a), tuple(c)) for a, c in zip(attributes, centres, strict=True)])
    return AttributeSet(images, attributes, centres)


def attribute_set(count: int, seed: int = 0) -> AttributeSet:
    """``count`` images with independent fair-coin attributes at random centres."""
    rng = np.random.default_rng(seed)
    return draw_images(rng.integers(0, 2, (count, len(ATTRIBUTES))), rng)


def read_attributes(images: np.ndarray) -> np.ndarray:
    """The attributes (N, 3) of each image's nearest rendering in the gallery (squared error over the pixels).

    A 1-nearest-neighbour reader: a clean square reads as itself, a blend of
    two squares as whichever rendering it is nearest.
    """
    reference = gallery()
    rows = np.asarray(images, np.float64).reshape(len(images), -1)  # (N, 768)
    table = reference.flat().astype(np.float64)  # (96, 768)
    distances = (rows**2).sum(1)[:, None] - 2 * rows @ table.T + (table**2).sum(1)[None]  # (N, 96)
    return reference.attributes[np.argmin(distances, axis=1)]


@dataclass(frozen=True)
class ArithmeticQueries:
    """Queries a + b − c as in Radford et al. 2016, §6.3, with the answer each should give.

    ``a`` (Q, k, 16, 16, 3): k images with ``attribute``, their other attributes random; ``c``: k images
    without it; ``b`` (Q, 1, 16, 16, 3): one image without it. mean(a) − mean(c) isolates the attribute,
    so the answer ``target`` (Q, 3) is b's attributes with ``attribute`` (Q,) set to 1.
    """

    a: np.ndarray
    b: np.ndarray
    c: np.ndarray
    target: np.ndarray
    attribute: np.ndarray

    def flat(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """a, b, c with each image as a row: (Q, k, 768)."""
        a, b, c = (group.reshape(*group.shape[:2], -1) for group in (self.a, self.b, self.c))
        return a, b, c


def arithmetic_queries(count: int, exemplars: int = 12, seed: int = 0) -> ArithmeticQueries:
    """``count`` queries, each adding one random attribute to one base image; every image at its own centre."""
    rng = np.random.default_rng(seed)
    attribute = rng.integers(0, len(ATTRIBUTES), count)
    rows = np.arange(count)

    def group(size: int, value: int) -> tuple[np.ndarray, np.ndarray]:
        attributes = rng.integers(0, 2, (count, size, len(ATTRIBUTES)))  # (count, size, 3)
        attributes[rows, :, attribute] = value
        drawn = draw_images(attributes.reshape(-1, len(ATTRIBUTES)), rng)
        return drawn.images.reshape(count, size, SIDE, SIDE, 3), attributes

    a, _ = group(exemplars, 1)
    c, _ = group(exemplars, 0)
    b, base = group(1, 0)
    target = base[:, 0].copy()
    target[rows, attribute] = 1
    return ArithmeticQueries(a, b, c, target, attribute)
