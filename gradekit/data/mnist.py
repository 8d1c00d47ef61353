"""MNIST from its four IDX files on disk (raw or gzipped); nothing is downloaded.

IDX format (LeCun et al., http://yann.lecun.com/exdb/mnist/): two zero bytes,
a type code, the number of dimensions n, n big-endian uint32 sizes, then the
values in row-major order, big-endian.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from gradekit.data.images import DataError, ImageSplit

IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
GZIP_MAGIC = b"\x1f\x8b"

# MNIST's file names; Kaggle's copies write a dot instead of the last dash
MNIST_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


def parse_idx(data: bytes, source: str = "<bytes>") -> np.ndarray:
    """The array an IDX file holds, in its stored dtype (native byte order)."""
    if len(data) < 4 or data[:2] != b"\x00\x00" or data[2] not in IDX_TYPES:
        raise DataError(f"{source} is not an IDX file (it does not start with 00 00 <type> <ndim>)")
    dtype = np.dtype(IDX_TYPES[data[2]])
    ndim = data[3]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DataError(f"{source}: the IDX header is cut short")
    shape = tuple(int(s) for s in np.frombuffer(data, ">u4", count=ndim, offset=4))
    expected = header + int(np.prod(shape)) * dtype.itemsize
    if len(data) != expected:
        raise DataError(f"{source}: an IDX array of shape {shape} needs {expected} bytes, "
                        f"the file has {len(data)}")
    return np.frombuffer(data, dtype, offset=header).reshape(shape).astype(dtype.newbyteorder("="))


def read_idx(path: Path) -> np.ndarray:
    """Read one IDX file, gunzipping it first if it is gzipped (whatever its name)."""
    data = Path(path).read_bytes()
    if data[:2] == GZIP_MAGIC:
        data = gzip.decompress(data)
    return parse_idx(data, str(path))


def find_idx_file(directory: Path, stem: str) -> Path | None:
    """``stem``, ``stem.gz``, or Kaggle's spelling with a dot, inside ``directory``."""
    dotted = stem[::-1].replace("-", ".", 1)[::-1]  # train-images-idx3-ubyte -> train-images.idx3-ubyte
    for name in (stem, stem + ".gz", dotted, dotted + ".gz"):
        if (directory / name).is_file():
            return directory / name
    return None


def load_mnist(directory: Path | str) -> ImageSplit:
    """MNIST's 60,000 training and 10,000 test digits, 28x28 in [0, 1], with their labels."""
    directory = Path(directory)
    found = {key: find_idx_file(directory, stem) for key, stem in MNIST_FILES.items()}
    missing = [MNIST_FILES[key] for key, path in found.items() if path is None]
    if missing:
        raise DataError(f"MNIST not found in {directory}: missing {', '.join(missing)} "
                        "(each may also be gzipped, name.gz)")
    arrays = {key: read_idx(path) for key, path in found.items() if path is not None}  # all of them, by now
    for part in ("train", "test"):
        images, labels = arrays[f"{part}_images"], arrays[f"{part}_labels"]
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            raise DataError(f"{directory}: {part} images {images.shape} and labels {labels.shape} "
                            "do not match (expected (N, H, W) and (N,))")
    return ImageSplit(
        "mnist",
        (arrays["train_images"] / 255.0).astype(np.float32),
        (arrays["test_images"] / 255.0).astype(np.float32),
        arrays["train_labels"].astype(np.int64),
        arrays["test_labels"].astype(np.int64),
    )
