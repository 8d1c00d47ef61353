"""The bundled digits: a fixed, stratified split in [0, 1], optionally upscaled."""

import numpy as np
import pytest

from gradekit.data import load_data, load_digits_split, resize_images


def test_digits_split_has_the_bundled_sizes_and_range():
    split = load_digits_split()
    assert split.train_images.shape == (1437, 8, 8) and split.test_images.shape == (360, 8, 8)
    assert split.train_images.dtype == np.float32
    assert split.train_images.min() == 0.0 and split.train_images.max() == 1.0
    assert split.input_dim == 64 and split.has_labels


def test_same_seed_same_split_other_seed_other_split():
    first, again, other = load_digits_split(seed=3), load_digits_split(seed=3), load_digits_split(seed=4)
    assert np.array_equal(first.test_images, again.test_images)
    assert np.array_equal(first.test_labels, again.test_labels)
    assert not np.array_equal(first.test_labels, other.test_labels)


def test_split_is_stratified_over_the_ten_digits():
    counts = np.bincount(load_digits_split().test_labels, minlength=10)
    assert counts.min() >= 34 and counts.max() <= 38  # about 36 of each digit among 360


@pytest.mark.parametrize("side", [16, 28, 32])
def test_upscaled_digits_keep_the_range_and_the_labels(side):
    small, large = load_digits_split(), load_digits_split(side=side)
    assert large.train_images.shape == (1437, side, side)
    assert 0.0 <= large.train_images.min() and large.train_images.max() <= 1.0
    assert np.array_equal(small.train_labels, large.train_labels)
    assert large.name == f"digits {side}x{side}"


def test_resizing_a_constant_image_keeps_it_constant():
    images = np.full((2, 8, 8), 0.25, np.float32)
    assert np.allclose(resize_images(images, 28), 0.25)


def test_flat_gives_rows():
    train, test = load_digits_split().flat()
    assert train.shape == (1437, 64) and test.shape == (360, 64)


def test_load_data_reads_the_digits_specs():
    assert load_data("digits").image_shape == (8, 8)
    assert load_data("digits:28").image_shape == (28, 28)


@pytest.mark.parametrize("spec", ["digits:big", "cifar", "mnist", "folder:"])
def test_load_data_refuses_what_it_cannot_read(spec):
    with pytest.raises(ValueError):
        load_data(spec)
