"""The ``--data`` option of the commands: one string names a data set."""

from __future__ import annotations

from pathlib import Path

from gradekit.data.digits import load_digits_split
from gradekit.data.folder import load_image_folder
from gradekit.data.images import ImageSplit
from gradekit.data.mnist import load_mnist

DATA_HELP = ("digits (bundled 8x8), digits:28 or digits:32 (upscaled), mnist:DIR (the four IDX files), "
             "folder:DIR (PNG images)")


def load_data(spec: str, seed: int = 0) -> ImageSplit:
    """``digits``, ``digits:SIDE``, ``mnist:DIR`` or ``folder:DIR``; see ``DATA_HELP``."""
    kind, _, argument = spec.partition(":")
    if kind == "digits":
        if argument and not argument.isdigit():
            raise ValueError(f"digits:SIDE takes an integer side, not {argument!r}")
        return load_digits_split(seed=seed, side=int(argument) if argument else 8)
    if kind in ("mnist", "folder") and not argument:
        raise ValueError(f"{kind} needs a folder: --data {kind}:DIR")
    if kind == "mnist":
        return load_mnist(Path(argument))
    if kind == "folder":
        return load_image_folder(Path(argument), seed=seed)
    raise ValueError(f"unknown data {spec!r}; expected one of: {DATA_HELP}")
