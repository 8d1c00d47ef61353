"""Assertions for checks: type and shape first, then values.

Each helper raises ``CheckFailed`` with a message safe for hidden checks (it
may show what the student returned, never what was expected) and a detail
with the expected value, shown only for public checks.
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import numpy as np

from gradekit.grading.checks import CheckFailed
from gradekit.grading.wire import Opaque, WireTensor


def show(value: Any, limit: int = 300) -> str:
    """A short, readable rendering of a value for feedback."""
    if isinstance(value, np.ndarray):
        text = np.array2string(value, threshold=40, precision=6, separator=", ")
    elif isinstance(value, WireTensor):
        text = f"tensor({show(value.array)}, dtype={value.dtype})"
    elif isinstance(value, Opaque):
        text = f"an object of type {value.type_name}"
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def kind_of(value: Any) -> str:
    if isinstance(value, Opaque):
        return f"an object of type {value.type_name}"
    if isinstance(value, WireTensor):
        return f"a torch tensor of shape {value.shape}"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape} and dtype {value.dtype}"
    return f"a {type(value).__name__}"


def expect_real(value: Any, what: str) -> float:
    """A real number: a Python or numpy int or float (not a bool), or a 0-d real array."""
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "iuf":
        return float(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise CheckFailed(f"{what} should be a real number, but it is {kind_of(value)}")
    return float(value)


def expect_int(value: Any, what: str) -> int:
    """An integer: a Python or numpy int (not a bool, not a float holding an integer)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        raise CheckFailed(f"{what} should be an int, but it is {kind_of(value)} ({show(value)})")
    return int(value)


def expect_array(value: Any, what: str, *, shape: tuple | None = None, ndim: int | None = None) -> np.ndarray:
    """A numeric numpy array, of the given shape or number of dimensions when those are given."""
    if not isinstance(value, np.ndarray):
        raise CheckFailed(f"{what} should be a numpy array, but it is {kind_of(value)}")
    if value.dtype.kind not in "biuf":
        raise CheckFailed(f"{what} should hold real numbers, but its dtype is {value.dtype}")
    _expect_shape(value.shape, what, shape, ndim)
    return value


def expect_tensor(value: Any, what: str, *, shape: tuple | None = None, ndim: int | None = None,
                  floating: bool = True) -> WireTensor:
    """A torch tensor (floating point unless ``floating=False``), of the given shape."""
    if not isinstance(value, WireTensor):
        raise CheckFailed(f"{what} should be a torch tensor, but it is {kind_of(value)}")
    if floating and value.array.dtype.kind != "f":
        raise CheckFailed(f"{what} should be a floating-point tensor, but its dtype is {value.dtype}")
    _expect_shape(value.shape, what, shape, ndim)
    return value


def _expect_shape(actual: tuple, what: str, shape: tuple | None, ndim: int | None) -> None:
    if ndim is not None and len(actual) != ndim:
        raise CheckFailed(f"{what} should have {ndim} dimension(s), but its shape is {actual}")
    if shape is not None and tuple(actual) != tuple(shape):
        raise CheckFailed(f"{what} has shape {tuple(actual)}", detail=f"expected shape {tuple(shape)}")


def expect_close(got: Any, expected: Any, what: str, *, rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """Values equal within tolerance; shapes must already agree (use the type helpers first)."""
    got_values = np.asarray(got.array if isinstance(got, WireTensor) else got, dtype=float)
    want = np.asarray(expected, dtype=float)
    if got_values.shape != want.shape:
        raise CheckFailed(f"{what} has shape {got_values.shape}", detail=f"expected shape {want.shape}")
    if not np.allclose(got_values, want, rtol=rtol, atol=atol, equal_nan=True):
        raise CheckFailed(f"{what} is wrong: got {show(got)}", detail=f"expected {show(expected)}")


def expect_equal(got: Any, expected: Any, what: str) -> None:
    """Exact equality of plain values (ints, strings, lists, tuples)."""
    if type(got) is not type(expected) and not (isinstance(got, list) and isinstance(expected, list)):
        raise CheckFailed(f"{what} should be {kind_of(expected)}, but it is {kind_of(got)}")
    if got != expected:
        raise CheckFailed(f"{what} is wrong: got {show(got)}", detail=f"expected {show(expected)}")


def expect_true(condition: bool, message: str, detail: str = "") -> None:
    if not condition:
        raise CheckFailed(message, detail)
