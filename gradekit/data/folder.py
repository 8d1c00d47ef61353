"""Any local folder of PNG images (the EmojiOne 32x32 folder of the DCGAN assignment, say)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from gradekit.data.images import DataError, ImageSplit

WHITE = (255, 255, 255)


def read_png(path: Path, grey: bool = False, side: int | None = None) -> np.ndarray:
    """One PNG as float32 in [0, 1]: ``(H, W, 3)``, or ``(H, W)`` when ``grey``.

    Transparent pixels are composited onto white (emoji PNGs are RGBA with a
    transparent background).
    """
    with Image.open(path) as image:
        rgba = image.convert("RGBA")
    flattened = Image.new("RGBA", rgba.size, WHITE + (255,))
    flattened.alpha_composite(rgba)
    result = flattened.convert("L" if grey else "RGB")
    if side is not None and result.size != (side, side):
        result = result.resize((side, side), Image.Resampling.BILINEAR)
    return np.asarray(result, dtype=np.float32) / 255.0


def read_png_folder(directory: Path | str, *, grey: bool = False, side: int | None = None) -> np.ndarray:
    """Every ``*.png`` under ``directory``, sorted by path, stacked: ``(N, H, W)`` or ``(N, H, W, 3)``.

    Images must share one size unless ``side`` resizes them all.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise DataError(f"image folder {directory} does not exist (expected a folder of *.png files)")
    paths = sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() == ".png")
    if len(paths) < 2:
        raise DataError(f"{directory} holds {len(paths)} PNG image(s); expected at least 2 *.png files")
    images = [read_png(path, grey, side) for path in paths]
    shapes = {image.shape for image in images}
    if len(shapes) > 1:
        raise DataError(f"the PNGs in {directory} have different sizes {sorted(shapes)}; "
                        "give a side to resize them all")
    return np.stack(images)


def load_image_folder(directory: Path | str, *, seed: int = 0, test_fraction: float = 0.1,
                      grey: bool = False, side: int | None = None) -> ImageSplit:
    """Every ``*.png`` under ``directory`` (see ``read_png_folder``), split into train and test by ``seed``.

    There are no labels.
    """
    stacked = read_png_folder(directory, grey=grey, side=side)
    order = np.random.default_rng(seed).permutation(len(stacked))
    test_count = max(1, round(test_fraction * len(stacked)))
    return ImageSplit(f"folder:{directory}", stacked[order[test_count:]], stacked[order[:test_count]])
