"""Assertions for checks: type and shape first, then values.

Each helper raises ``CheckFailed`` with a message safe for hidden checks (it
may show what the student returned, never what was expected) and a detail
with the expected value, shown only for public checks.

Non-finite values never satisfy: NaN or infinity in what the student returned
fails ``expect_close``, ``expect_equal``, ``expect_between`` and
``expect_finite``, even where the expected value is NaN too. (A bound written
by hand as ``expect_true(not x > limit, ...)`` would let NaN through: use
``expect_between`` or ``expect_finite`` first.)
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
    """A real number: a Python or numpy int or float (not a bool), or a 0-d real array or torch tensor.

    A 0-d tensor is a scalar like a 0-d array (``float()`` reads it): a numpy problem computed with torch that
    returns ``t.sum()`` without ``.item()`` is right, not a wrong type.
    """
    if isinstance(value, WireTensor) and value.shape == ():
        value = value.array
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "iuf":
        return float(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise CheckFailed(f"{what} should be a real number, but it is {kind_of(value)}")
    return float(value)


def expect_int(value: Any, what: str) -> int:
    """An integer: a Python or numpy int, or a 0-d integer array or torch tensor (not a bool, not a float
    holding an integer)."""
    if isinstance(value, WireTensor) and value.shape == ():
        value = value.array
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "iu":
        return int(value)
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


def expect_finite(value: Any, what: str) -> None:
    """No NaN and no infinity anywhere in ``value`` (a number, an array, a tensor, a list or tuple of them)."""
    bad = _first_non_finite(value)
    if bad is not None:
        raise CheckFailed(f"{what} {bad}: NaN and infinity never count as right")


def expect_between(value: Any, low: float, high: float, what: str) -> None:
    """Every value finite and within ``[low, high]``."""
    expect_finite(value, what)
    values = np.asarray(value.array if isinstance(value, WireTensor) else value, dtype=float)
    outside = (values < low) | (values > high)
    if outside.any():
        index = np.unravel_index(int(np.argmax(outside)), values.shape) if values.ndim else ()
        at = f" at index {_index(index)}" if values.ndim else ""
        raise CheckFailed(f"{what} is {float(values[index])!r}{at}, outside [{low:g}, {high:g}]")


def expect_close(got: Any, expected: Any, what: str, *, rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """Values equal within ``atol + rtol * |expected|``; shapes must already agree (type helpers first).

    A miss shows the largest difference beyond tolerance, where it is, the
    student's value there and the tolerance (not two arrays that print alike);
    the expected value goes to ``detail``, shown for public checks only.
    """
    got_values = np.asarray(got.array if isinstance(got, WireTensor) else got, dtype=float)
    want = np.asarray(expected, dtype=float)
    if got_values.shape != want.shape:
        raise CheckFailed(f"{what} has shape {got_values.shape}", detail=f"expected shape {want.shape}")
    expect_finite(got_values, what)
    tolerance = atol + rtol * np.abs(want)
    with np.errstate(invalid="ignore"):
        difference = np.abs(got_values - want)
        excess = np.where(np.isfinite(difference), difference - tolerance, np.inf)
    if not (excess > 0).any():
        return
    beyond = excess > 0
    index = np.unravel_index(int(np.argmax(np.where(beyond, difference, -1.0))), want.shape) if want.ndim else ()
    allowed = f"tolerance {float(tolerance[index]):.3g} = atol {atol:g} + rtol {rtol:g} x |expected|"
    if want.ndim == 0:
        raise CheckFailed(f"{what} is wrong: got {show(got_values.item())}, a difference of "
                          f"{float(difference):.3g} ({allowed})", detail=f"expected {show(want.item())}")
    shown = f"; got {show(got_values)}" if got_values.size <= 16 else ""
    raise CheckFailed(f"{what} is wrong: the largest difference is {float(difference[index]):.3g}, at index "
                      f"{_index(index)} (got {show(float(got_values[index]))} there; {int(beyond.sum())} of "
                      f"{want.size} values beyond tolerance; {allowed}){shown}",
                      detail=f"expected {show(float(want[index]))} there; expected {show(np.asarray(expected))}")


def expect_equal(got: Any, expected: Any, what: str) -> None:
    """Exact equality of plain values (ints, strings, lists, tuples); NaN and infinity are never equal."""
    if type(got) is not type(expected) and not (isinstance(got, list) and isinstance(expected, list)):
        raise CheckFailed(f"{what} should be {kind_of(expected)}, but it is {kind_of(got)}")
    expect_finite(got, what)
    if got != expected:
        raise CheckFailed(f"{what} is wrong: got {show(got)}", detail=f"expected {show(expected)}")


def _first_non_finite(value: Any) -> str | None:
    """``"is NaN"``, ``"holds inf at index (0, 2)"``..., or None when every number in ``value`` is finite."""
    if isinstance(value, WireTensor):
        value = value.array
    if isinstance(value, (list, tuple)):
        for position, item in enumerate(value):
            bad = _first_non_finite(item)
            if bad is not None:
                return f"{bad} (item {position})" if not isinstance(item, (list, tuple)) else bad
        return None
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        return None
    if isinstance(value, (Real, np.ndarray, np.generic)):
        array = np.asarray(value)
        if array.dtype.kind not in "fc" or np.isfinite(array).all():
            return None
        if array.ndim == 0:
            return f"is {show(array.item())}"
        index = np.unravel_index(int(np.argmax(~np.isfinite(array))), array.shape)
        return f"holds {show(array[index].item())} at index {_index(index)}"
    return None


def _index(index: tuple) -> str:
    return str(tuple(int(i) for i in index)) if len(index) != 1 else str(int(index[0]))


def expect_true(condition: bool, message: str, detail: str = "") -> None:
    if not condition:
        raise CheckFailed(message, detail)
