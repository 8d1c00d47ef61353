"""Two image domains for unpaired translation (CycleGAN): an embedded task with a known answer, or two folders.

The embedded task recolours the bundled digits: domain A draws each digit in
white (grey levels, equal in the three channels), domain B in red. The
training halves come from disjoint digits, so no image of A has its own
counterpart in B and training is truly unpaired; on the held-out digits the
pairing is known, ``test_b[i]`` is ``test_a[i]`` in red, with the digit label
``test_labels[i]``, so a grader can measure whether a translation moved the
digit to the other colour and kept it the same digit. The red channel alone
carries the digit in both domains, so "keep the red channel, clear (or fill)
the others" translates either way and leaves the target domain unchanged: the
translation agrees with CycleGAN's identity loss. (Red against green would
not: there each generator can tell the domains apart and hide a different
digit in its translation, which CycleGAN's losses cannot see.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gradekit.data.digits import load_digits_split
from gradekit.data.folder import load_image_folder
from gradekit.data.images import DataError
from gradekit.data.spec import DataSpec, data_help, parse_data

DOMAIN_KINDS = ("digits", "folders")  # white digits vs red digits, or two PNG folders
DOMAINS_HELP = data_help(DOMAIN_KINDS)


@dataclass(frozen=True)
class DomainPair:
    """Images of two domains, float32 in [0, 1], (N, H, W) grey or (N, H, W, C) colour.

    ``paired_test`` says whether ``test_b[i]`` is the true translation of
    ``test_a[i]``; ``test_labels`` (when known) are the classes both share.
    """

    name: str
    train_a: np.ndarray
    train_b: np.ndarray
    test_a: np.ndarray
    test_b: np.ndarray
    paired_test: bool = False
    test_labels: np.ndarray | None = None

    @property
    def image_shape(self) -> tuple[int, ...]:
        return tuple(self.train_a.shape[1:])


def in_white(images: np.ndarray) -> np.ndarray:
    """Grey images (N, H, W) as RGB (N, H, W, 3), the grey level in every channel."""
    return np.repeat(np.asarray(images, dtype=np.float32)[..., None], 3, axis=-1)


def in_red(images: np.ndarray) -> np.ndarray:
    """Grey images (N, H, W) drawn in the red channel of RGB (N, H, W, 3), the other channels 0."""
    images = np.asarray(images, dtype=np.float32)
    return np.concatenate([images[..., None], np.zeros((*images.shape, 2), np.float32)], axis=-1)


def white_part(images: np.ndarray) -> np.ndarray:
    """The grey digit a white image (N, H, W, 3) shows: its darkest channel; a red digit shows nothing."""
    grey: np.ndarray = np.asarray(images, dtype=np.float32).min(axis=-1)
    return grey


def red_part(images: np.ndarray) -> np.ndarray:
    """The grey digit a red image (N, H, W, 3) shows: red minus the mean of green and blue, at least 0;
    a white digit shows nothing."""
    images = np.asarray(images, dtype=np.float32)
    grey: np.ndarray = np.clip(images[..., 0] - images[..., 1:].mean(axis=-1), 0.0, 1.0)
    return grey


def recoloured_digits(seed: int = 0, side: int = 8) -> DomainPair:
    """White digits (A) and red digits (B): each domain takes a different half of the training digits."""
    split = load_digits_split(seed=seed, side=side)
    order = np.random.default_rng(seed).permutation(len(split.train_images))
    half = len(order) // 2
    name = "white/red digits" if side == 8 else f"white/red digits:{side}"
    return DomainPair(name, in_white(split.train_images[order[:half]]), in_red(split.train_images[order[half:]]),
                      in_white(split.test_images), in_red(split.test_images), paired_test=True,
                      test_labels=split.test_labels)


def folder_domains(folder_a: Path | str, folder_b: Path | str, seed: int = 0, side: int | None = None) -> DomainPair:
    """Every PNG of two folders (RGB, transparent pixels on white), each split 90/10 by ``seed``; unpaired."""
    a = load_image_folder(Path(folder_a), seed=seed, side=side)
    b = load_image_folder(Path(folder_b), seed=seed, side=side)
    if a.image_shape != b.image_shape:
        raise DataError(f"{folder_a} holds images of shape {a.image_shape} and {folder_b} of shape "
                        f"{b.image_shape}; give a side so both are resized alike")
    return DomainPair(f"{Path(folder_a).name} ↔ {Path(folder_b).name}", a.train_images, b.train_images,
                      a.test_images, b.test_images)


def load_domains(spec: str | DataSpec, seed: int = 0) -> DomainPair:
    """``digits``, ``digits:SIDE`` or ``folders:DIR_A,DIR_B``; see ``DOMAINS_HELP``."""
    spec = parse_data(spec, DOMAIN_KINDS)
    if spec.kind == "digits":
        return recoloured_digits(seed=seed, side=spec.number(default=8))
    folder_a, folder_b = spec.folders
    return folder_domains(folder_a, folder_b, seed=seed)
