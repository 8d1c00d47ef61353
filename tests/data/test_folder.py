"""Local PNG folders: RGBA flattened on white, sizes checked, a seeded split."""

import numpy as np
import pytest
from PIL import Image

from gradekit.data import DataError, load_data, load_image_folder, read_png


def write_png(path, array, mode):
    Image.fromarray(np.asarray(array, np.uint8), mode).save(path)


def test_transparent_pixels_become_white_and_opaque_ones_keep_their_colour(tmp_path):
    rgba = np.zeros((2, 2, 4), np.uint8)
    rgba[0, 0] = (255, 0, 0, 255)  # opaque red
    rgba[0, 1] = (0, 0, 255, 0)  # fully transparent blue: background shows
    rgba[1, 0] = (0, 0, 0, 128)  # half-transparent black over white: grey
    rgba[1, 1] = (0, 255, 0, 255)
    write_png(tmp_path / "a.png", rgba, "RGBA")
    image = read_png(tmp_path / "a.png")
    assert image.shape == (2, 2, 3) and image.dtype == np.float32
    assert np.allclose(image[0, 0], [1, 0, 0]) and np.allclose(image[0, 1], [1, 1, 1])
    assert np.allclose(image[1, 0], 127 / 255, atol=2 / 255) and np.allclose(image[1, 1], [0, 1, 0])


def test_grey_reading_gives_two_dimensional_images(tmp_path):
    write_png(tmp_path / "g.png", np.full((3, 5), 51), "L")
    image = read_png(tmp_path / "g.png", grey=True)
    assert image.shape == (3, 5) and np.allclose(image, 0.2)


def test_a_folder_is_split_by_the_seed_and_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    for i in range(10):
        folder = tmp_path / "sub" if i % 2 else tmp_path
        write_png(folder / f"{i:02d}.png", np.full((4, 4, 3), 20 * i), "RGB")
    split = load_image_folder(tmp_path, seed=1, test_fraction=0.2)
    assert split.train_images.shape == (8, 4, 4, 3) and split.test_images.shape == (2, 4, 4, 3)
    assert not split.has_labels
    values = sorted(np.round(np.concatenate([split.train_images, split.test_images])[:, 0, 0, 0] * 255 / 20))
    assert values == list(range(10))
    again = load_image_folder(tmp_path, seed=1, test_fraction=0.2)
    assert np.array_equal(split.test_images, again.test_images)


def test_images_of_different_sizes_need_a_side(tmp_path):
    write_png(tmp_path / "a.png", np.zeros((4, 4, 3)), "RGB")
    write_png(tmp_path / "b.png", np.zeros((8, 8, 3)), "RGB")
    with pytest.raises(DataError, match="different sizes"):
        load_image_folder(tmp_path)
    assert load_image_folder(tmp_path, side=6, test_fraction=0.5).train_images.shape == (1, 6, 6, 3)


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(DataError, match=str(tmp_path / "nowhere")):
        load_data(f"folder:{tmp_path / 'nowhere'}")


def test_a_folder_without_pngs_says_what_it_expected(tmp_path):
    (tmp_path / "notes.txt").write_text("no images here")
    with pytest.raises(DataError, match=r"\*\.png"):
        load_image_folder(tmp_path)
