"""Two image domains for unpaired translation (CycleGAN): an embedded task with a known answer, or two folders.

The embedded task recolours the bundled digits: domain A draws each digit in
red on black, domain B in green on black. The training halves come from
disjoint digits, so no image of A has its own counterpart in B and training is
truly unpaired; on the held-out digits the pairing is known, ``test_b[i]`` is
``test_a[i]`` in green, with the digit label ``test_labels[i]``, so a grader
can measure whether a translation moved the digit to the other colour and
kept it the same digit. Recolouring, unlike inversion, is idempotent (a green
digit recoloured green is unchanged), so it agrees with CycleGAN's identity
loss.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gradekit.data.digits import load_digits_split
from gradekit.data.folder import load_image_folder
from gradekit.data.images import DataError

DOMAINS_HELP = "digits or digits:SIDE (red digits vs green digits), folders:DIR_A,DIR_B (two PNG folders)"
RED, GREEN = 0, 1  # the channels of domains A and B in the embedded task


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


def in_colour(images: np.ndarray, channel: int) -> np.ndarray:
    """Grey images (N, H, W) drawn in one colour channel of RGB: (N, H, W, 3), the other channels 0."""
    images = np.asarray(images, dtype=np.float32)
    coloured = np.zeros((*images.shape, 3), np.float32)
    coloured[..., channel] = images
    return coloured


def recoloured_digits(seed: int = 0, side: int = 8) -> DomainPair:
    """Red digits (A) and green digits (B): each domain takes a different half of the training digits."""
    split = load_digits_split(seed=seed, side=side)
    order = np.random.default_rng(seed).permutation(len(split.train_images))
    half = len(order) // 2
    name = "red/green digits" if side == 8 else f"red/green digits:{side}"
    return DomainPair(name, in_colour(split.train_images[order[:half]], RED),
                      in_colour(split.train_images[order[half:]], GREEN),
                      in_colour(split.test_images, RED), in_colour(split.test_images, GREEN), paired_test=True,
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


def load_domains(spec: str, seed: int = 0) -> DomainPair:
    """``digits``, ``digits:SIDE`` or ``folders:DIR_A,DIR_B``; see ``DOMAINS_HELP``."""
    kind, _, argument = spec.partition(":")
    if kind == "digits":
        if argument and not argument.isdigit():
            raise ValueError(f"digits:SIDE takes an integer side, not {argument!r}")
        return recoloured_digits(seed=seed, side=int(argument) if argument else 8)
    if kind == "folders":
        folders = [part for part in argument.split(",") if part]
        if len(folders) != 2:
            raise ValueError(f"folders:DIR_A,DIR_B names two folders, not {argument!r}")
        return folder_domains(*folders, seed=seed)
    raise ValueError(f"unknown domains {spec!r}; expected one of: {DOMAINS_HELP}")
