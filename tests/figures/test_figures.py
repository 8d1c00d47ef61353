"""Figures: tiles laid out as asked, PNGs written without a display."""

import numpy as np
from PIL import Image

from gradekit.figures import interpolation_column_labels, mosaic, save_image_grid, save_loss_curves
from gradekit.models.training import History


def test_mosaic_tiles_rows_and_columns_with_padding():
    grid = np.zeros((2, 3, 4, 5))
    grid[1, 2] = 1.0
    tiled = mosaic(grid, pad=1)
    assert tiled.shape == (2 * 5 + 1, 3 * 6 + 1)
    assert (tiled[6:10, 13:18] == 1.0).all() and (tiled[1:5, 1:6] == 0.0).all()


def test_mosaic_keeps_colour_channels():
    assert mosaic(np.zeros((1, 2, 3, 3, 3))).shape == (5, 9, 3)


def test_interpolation_columns_are_named_by_their_fraction():
    assert interpolation_column_labels(7) == ["A", "1/8", "2/8", "3/8", "4/8", "5/8", "6/8", "7/8", "B"]


def test_image_grid_and_loss_curves_are_written_as_png(tmp_path):
    grid = np.random.default_rng(0).random((10, 9, 8, 8))
    path = save_image_grid(tmp_path / "grid.png", grid, title="t", row_labels=[str(i) for i in range(10)],
                           col_labels=interpolation_column_labels(7))
    with Image.open(path) as image:
        assert image.format == "PNG" and image.width > 300
    history = History(train=list(np.linspace(5, 1, 120)), test_steps=[60, 120], test=[2.0, 1.5])
    with Image.open(save_loss_curves(tmp_path / "loss.png", {"a": history}, title="t", ylabel="y",
                                     log_scale=True)) as image:
        assert image.format == "PNG"
