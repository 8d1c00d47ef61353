"""2-D max and average pooling, and nearest-neighbour upsampling (lecture: convolutional autoencoders).

Pooling slides a size x size window with the given stride (the size unless given) and keeps
only the windows that fit, like torch's default (ceil_mode=False): an H x W input gives
floor((H - size) / stride) + 1 rows and floor((W - size) / stride) + 1 columns.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def max_pool2d(x: np.ndarray, size: int = 2, stride: int | None = None) -> np.ndarray:
    """The largest value of each size x size window of the 2-D array ``x`` that fits.

    Windows start ``stride`` apart (the window size unless given); those that do not fit are dropped.
    """
    return _windows(x, size, stride).max(axis=(-2, -1))  # (out_h, out_w)


def avg_pool2d(x: np.ndarray, size: int = 2, stride: int | None = None) -> np.ndarray:
    """The mean, as a float, of each size x size window of the 2-D array ``x`` that fits.

    Windows start ``stride`` apart (the window size unless given); those that do not fit are dropped.
    """
    return _windows(x, size, stride).mean(axis=(-2, -1))  # (out_h, out_w)


def upsample_nearest(x: np.ndarray, scale: int = 2) -> np.ndarray:
    """Nearest-neighbour upsampling: each pixel of the 2-D array ``x`` becomes a scale x scale block."""
    x = _grid(x)
    return x.repeat(scale, axis=0).repeat(scale, axis=1)  # (scale * H, scale * W)


def _windows(x: np.ndarray, size: int, stride: int | None) -> np.ndarray:
    """The windows that fit, every ``stride``-th in each direction: shape (out_h, out_w, size, size)."""
    x = _grid(x)
    stride = size if stride is None else stride
    if size < 1 or stride < 1:
        raise ValueError(f"size and stride must be positive, not {size} and {stride}")
    if size > min(x.shape):
        raise ValueError(f"a {size}x{size} window does not fit in a {x.shape[0]}x{x.shape[1]} input")
    return sliding_window_view(x, (size, size))[::stride, ::stride]  # (out_h, out_w, size, size)


def _grid(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"expected a 2-D array, got shape {x.shape}")
    return x
