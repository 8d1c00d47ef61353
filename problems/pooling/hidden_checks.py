"""Hidden checks: agreement with the reference for strides, dropped windows and larger scales."""

from hypothesis import given

from gradekit.calc import pooling as reference
from gradekit.grading.api import check, expect_array, expect_close

from .strategies import dropped_window_cases, strided_cases, upsampling_cases


def expect_pooled(student, name: str, x, size: int, stride: int | None = None) -> None:
    """The student's ``name`` pools ``x`` as the reference does (default stride when None)."""
    what = f"{name}(x of shape {x.shape}, size={size}, stride={stride})"
    strides = {} if stride is None else {"stride": stride}  # None: leave the default to the student
    expected = getattr(reference, name)(x, size=size, **strides)
    pooled = expect_array(student.call(name, x, size=size, **strides), what, shape=expected.shape)
    expect_close(pooled, expected, what)


@check(points=1)
@given(case=strided_cases())
def max_pool_with_a_stride_other_than_the_size(student, case):
    """max_pool2d moves its window by the stride it is given: overlapping windows, or gaps"""
    expect_pooled(student, "max_pool2d", *case)


@check(points=1)
@given(case=strided_cases())
def avg_pool_with_a_stride_other_than_the_size(student, case):
    """avg_pool2d moves its window by the stride it is given: overlapping windows, or gaps"""
    expect_pooled(student, "avg_pool2d", *case)


@check(points=1)
@given(case=dropped_window_cases())
def max_pool_drops_the_windows_that_do_not_fit(student, case):
    """max_pool2d on non-square grids and odd sizes drops the windows that do not fit"""
    expect_pooled(student, "max_pool2d", *case)


@check(points=1)
@given(case=dropped_window_cases())
def avg_pool_drops_the_windows_that_do_not_fit(student, case):
    """avg_pool2d on non-square grids and odd sizes drops the windows that do not fit"""
    expect_pooled(student, "avg_pool2d", *case)


@check(points=1)
@given(case=upsampling_cases())
def upsampling_non_square_grids_by_2_to_4(student, case):
    """upsample_nearest makes each pixel of a non-square grid a scale x scale block, scale 2 to 4"""
    x, scale = case
    expected = reference.upsample_nearest(x, scale=scale)
    what = f"upsample_nearest(x of shape {x.shape}, scale={scale})"
    upsampled = expect_array(student.upsample_nearest(x, scale=scale), what, shape=expected.shape)
    expect_close(upsampled, expected, what)
