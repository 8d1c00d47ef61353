"""Figures and measurements a check attaches (gradekit.grading.attachments), and their files beside the report."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from gradekit.grading.attachments import (Figure, attach_figure, collecting, figures_folder, image_rows,
                                          record_measurement, write_figures)


def test_a_check_keeps_what_it_attached_and_a_figure_that_fails_to_draw_is_dropped():
    ramp = np.linspace(0, 1, 16).reshape(1, 4, 4)
    with collecting() as attached:
        attach_figure(lambda: image_rows("ramp", "a ramp", [ramp, ramp]))
        attach_figure(lambda: 1 / 0)  # a student's model that cannot be drawn costs nothing more
        attach_figure(lambda: image_rows("ramp", "drawn again", [ramp]))  # a property's examples: the last stays
        record_measurement("fid", 935.7, "max")
        record_measurement("fid", float("nan"), "max")  # NaN ranks nowhere
    assert [f.caption for f in attached.figures] == ["drawn again"]
    assert [(m.name, m.value) for m in attached.measurements] == [("fid", 935.7)]
    attach_figure(lambda: image_rows("outside", "no check runs", [ramp]))  # outside a check: nothing, no error


def test_image_rows_draws_each_row_of_images_as_tiles():
    rows = [np.zeros((3, 8, 8)), np.ones((2, 64))]
    figure = image_rows("digits", "two rows", rows, side=8)
    pixels = np.asarray(Image.open(io.BytesIO(figure.png)))
    assert pixels.shape[1] > pixels.shape[0] and pixels.min() == 0 and pixels.max() == 255


@pytest.mark.parametrize("name", ["../up", "Samples", "", "a" * 41])
def test_a_figure_name_is_a_short_slug(name):
    with pytest.raises(ValueError, match="slug"):
        Figure(name, "caption", image_rows("ok", "c", [np.zeros((1, 2, 2))]).png)


def test_figures_replace_the_previous_ones_and_never_write_through_a_link(tmp_path):
    png = image_rows("x", "c", [np.zeros((1, 2, 2))]).png
    write_figures(tmp_path, "ada", [("vae/check-old.png", png)])
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (figures_folder(tmp_path, "ada") / "dcgan").symlink_to(outside)  # planted in the output folder
    write_figures(tmp_path, "ada", [("vae/check-new.png", png), ("dcgan/check-samples.png", png)])
    folder = figures_folder(tmp_path, "ada")
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.png")) == [
        "dcgan/check-samples.png", "vae/check-new.png"]
    assert not (folder / "dcgan").is_symlink() and not any(outside.iterdir())
    write_figures(tmp_path, "ada", [])
    assert not folder.exists()
