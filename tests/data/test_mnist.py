"""MNIST's IDX files, parsed from small files the tests write (raw, gzipped, Kaggle's names)."""

import gzip
import struct

import numpy as np
import pytest

from gradekit.data import DataError, load_data, load_mnist, parse_idx, read_idx
from gradekit.data.mnist import MNIST_FILES


def idx_bytes(array: np.ndarray, type_code: int = 0x08, dtype: str = ">u1") -> bytes:
    """An IDX file: 0, 0, type code, ndim, big-endian sizes, big-endian values."""
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(dtype).tobytes()


def write_mnist(folder, count=(5, 3), gz=False, dotted=False, seed=0):
    rng = np.random.default_rng(seed)
    arrays = {"train_images": rng.integers(0, 256, (count[0], 28, 28)), "train_labels": rng.integers(0, 10, count[0]),
              "test_images": rng.integers(0, 256, (count[1], 28, 28)), "test_labels": rng.integers(0, 10, count[1])}
    for key, array in arrays.items():
        name = MNIST_FILES[key]
        if dotted:
            name = name[::-1].replace("-", ".", 1)[::-1]
        data = idx_bytes(array)
        (folder / (name + ".gz" if gz else name)).write_bytes(gzip.compress(data) if gz else data)
    return arrays


def test_parse_idx_reads_uint8_images():
    images = np.arange(2 * 3 * 4).reshape(2, 3, 4)
    parsed = parse_idx(idx_bytes(images))
    assert parsed.dtype == np.uint8 and np.array_equal(parsed, images)


@pytest.mark.parametrize(("code", "dtype"), [(0x0B, ">i2"), (0x0C, ">i4"), (0x0D, ">f4"), (0x0E, ">f8")])
def test_parse_idx_reads_big_endian_wider_types(code, dtype):
    values = np.array([[-3, 1000], [7, -70000 if code != 0x0B else -7]])
    parsed = parse_idx(idx_bytes(values, code, dtype))
    assert np.array_equal(parsed, values.astype(dtype))
    assert parsed.dtype.isnative


def test_parse_idx_refuses_a_file_that_is_not_idx():
    with pytest.raises(DataError, match="not an IDX file"):
        parse_idx(b"\x89PNG\r\n")


def test_parse_idx_refuses_a_truncated_file():
    data = idx_bytes(np.zeros((4, 28, 28)))
    with pytest.raises(DataError, match="needs"):
        parse_idx(data[:-10], "cut.idx")


def test_read_idx_gunzips_whatever_the_name(tmp_path):
    labels = np.array([3, 1, 4, 1, 5])
    (tmp_path / "labels.bin").write_bytes(gzip.compress(idx_bytes(labels)))
    assert np.array_equal(read_idx(tmp_path / "labels.bin"), labels)


@pytest.mark.parametrize(("gz", "dotted"), [(False, False), (True, False), (False, True), (True, True)])
def test_load_mnist_reads_the_four_files(tmp_path, gz, dotted):
    arrays = write_mnist(tmp_path, gz=gz, dotted=dotted)
    split = load_mnist(tmp_path)
    assert split.train_images.shape == (5, 28, 28) and split.test_images.shape == (3, 28, 28)
    assert split.train_images.dtype == np.float32
    assert np.allclose(split.train_images, arrays["train_images"] / 255.0)
    assert np.array_equal(split.test_labels, arrays["test_labels"])


def test_load_data_reads_mnist_from_a_folder(tmp_path):
    write_mnist(tmp_path)
    assert load_data(f"mnist:{tmp_path}").name == "mnist"


def test_missing_files_are_named_with_the_folder(tmp_path):
    write_mnist(tmp_path)
    (tmp_path / MNIST_FILES["test_labels"]).unlink()
    with pytest.raises(DataError) as raised:
        load_mnist(tmp_path)
    assert str(tmp_path) in str(raised.value) and "t10k-labels-idx1-ubyte" in str(raised.value)
    assert "train-images" not in str(raised.value)


def test_images_and_labels_of_different_lengths_are_refused(tmp_path):
    write_mnist(tmp_path)
    (tmp_path / MNIST_FILES["train_labels"]).write_bytes(idx_bytes(np.zeros(4)))
    with pytest.raises(DataError, match="do not match"):
        load_mnist(tmp_path)
