"""Public checks: the lecture's worked answer and laws every pooling obeys."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.grading.api import check, expect_array, expect_close

from .strategies import EXAM_GRID, grid, pooling_cases


@check(points=1)
def exam_grid_max_pools_to_13_22_17_4(student):
    """2x2 max pooling of the lecture's 4x4 grid gives [[13, 22], [17, 4]]"""
    pooled = expect_array(student.max_pool2d(np.array(EXAM_GRID)), "max_pool2d(lecture grid)", shape=(2, 2))
    expect_close(pooled, [[13, 22], [17, 4]], "max_pool2d(lecture grid)")


@check(points=1)
def exam_grid_average_pools_to_7_15_5_9_2_5(student):
    """2x2 average pooling of the lecture's 4x4 grid gives [[7, 15.5], [9, 2.5]]"""
    pooled = expect_array(student.avg_pool2d(np.array(EXAM_GRID)), "avg_pool2d(lecture grid)", shape=(2, 2))
    expect_close(pooled, [[7, 15.5], [9, 2.5]], "avg_pool2d(lecture grid)")


@check(points=1)
def upsampling_by_2_repeats_each_pixel_in_a_2x2_block(student):
    """Upsampling [[7, 15.5], [9, 2.5]] by 2 repeats each value in a 2x2 block"""
    pooled = np.array([[7, 15.5], [9, 2.5]])
    upsampled = expect_array(student.upsample_nearest(pooled), "upsample_nearest(pooled grid)", shape=(4, 4))
    expected = [[7, 7, 15.5, 15.5], [7, 7, 15.5, 15.5], [9, 9, 2.5, 2.5], [9, 9, 2.5, 2.5]]
    expect_close(upsampled, expected, "upsample_nearest(pooled grid)")


@check(points=1)
@given(case=pooling_cases())
def pooled_shape_counts_only_the_windows_that_fit(student, case):
    """An H x W input gives floor((H - size) / stride) + 1 by floor((W - size) / stride) + 1 outputs"""
    x, size, stride = case
    step = size if stride is None else stride
    shape = ((x.shape[0] - size) // step + 1, (x.shape[1] - size) // step + 1)
    strides = {} if stride is None else {"stride": stride}  # None: leave the default to the student
    for name in ("max_pool2d", "avg_pool2d"):
        what = f"{name}(x of shape {x.shape}, size={size}, stride={stride})"
        expect_array(student.call(name, x, size=size, **strides), what, shape=shape)


@check(points=1)
@given(x=st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(lambda shape: grid(*shape)),
       scale=st.integers(1, 4))
def pooling_an_upsampled_grid_gives_it_back(student, x, scale):
    """Max or average pooling by s of a grid upsampled by s returns the grid"""
    upsampled = expect_array(student.upsample_nearest(x, scale=scale), f"upsample_nearest(x, scale={scale})",
                             shape=(x.shape[0] * scale, x.shape[1] * scale))
    for name in ("max_pool2d", "avg_pool2d"):
        what = f"{name}(upsample_nearest(x, scale={scale}), size={scale})"
        pooled = expect_array(student.call(name, upsampled, size=scale), what, shape=x.shape)
        expect_close(pooled, x, what)
