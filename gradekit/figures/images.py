"""Images as PNG figures: grids of images with row and column labels, and the mosaic under them.

Images are floats in [0, 1], grey (H, W) or colour (H, W, C), as ``gradekit.data`` loads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from gradekit.figures.canvas import new_figure

PAD = 1  # pixels of background between tiles


def mosaic(grid: np.ndarray, pad: int = PAD, background: float = 1.0) -> np.ndarray:
    """Tile ``grid`` (rows, cols, H, W[, C]) into one image with ``pad`` pixels between tiles."""
    grid = np.asarray(grid, dtype=np.float32)
    rows, cols, height, width = grid.shape[:4]
    channels = grid.shape[4:]
    out = np.full((rows * (height + pad) + pad, cols * (width + pad) + pad, *channels), background, np.float32)
    for r in range(rows):
        for c in range(cols):
            top, left = pad + r * (height + pad), pad + c * (width + pad)
            out[top:top + height, left:left + width] = grid[r, c]
    return np.clip(out, 0.0, 1.0)


def save_image_grid(path: Path, grid: np.ndarray, *, title: str = "",
                    row_labels: Sequence[str] = (), col_labels: Sequence[str] = (),
                    inches_per_tile: float = 0.6) -> Path:
    """Save ``grid`` (rows, cols, H, W[, C]) as one PNG, with optional row and column labels."""
    grid = np.asarray(grid)
    rows, cols, height, width = grid.shape[:4]
    figure = new_figure(max(3.0, cols * inches_per_tile + (1.2 if row_labels else 0.3)),
                         max(2.0, rows * inches_per_tile + (0.6 if title else 0.2) + (0.3 if col_labels else 0)))
    axes = figure.add_subplot()
    axes.imshow(mosaic(grid), cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
    axes.set_xticks([PAD + c * (width + PAD) + (width - 1) / 2 for c in range(cols)] if col_labels else [])
    axes.set_yticks([PAD + r * (height + PAD) + (height - 1) / 2 for r in range(rows)] if row_labels else [])
    if col_labels:
        axes.set_xticklabels(col_labels, fontsize=7)
        axes.xaxis.tick_top()
    if row_labels:
        axes.set_yticklabels(row_labels, fontsize=7)
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    if title:
        axes.set_title(title, fontsize=9)
    figure.savefig(path)
    return Path(path)


def interpolation_column_labels(steps: int) -> list[str]:
    """``A``, ``1/8``, ..., ``7/8``, ``B`` for the columns of an interpolation row."""
    return ["A", *[f"{k}/{steps + 1}" for k in range(1, steps + 1)], "B"]
