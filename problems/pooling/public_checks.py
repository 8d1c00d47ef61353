"""Public checks: the lecture's worked answer and laws every pooling obeys."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.grading.api import StudentRaised, check, expect_array, expect_close

from .strategies import EXAM_GRID, grid, lecture_grids, pooled_ramp, pooling_cases, ramp


@check(points=0, precondition=True)
def return_two_dimensional_arrays(student):
    """max_pool2d, avg_pool2d and upsample_nearest return 2-D numpy arrays"""
    calls = [("max_pool2d", "max_pool2d(lecture grid)"), ("avg_pool2d", "avg_pool2d(lecture grid)"),
             ("upsample_nearest", "upsample_nearest(lecture grid)")]
    for name, what in calls:
        try:
            value = student.call(name, np.array(EXAM_GRID))
        except StudentRaised:
            continue  # not written yet, or wrong: that function's checks say so; this one is about types
        expect_array(value, what, ndim=2)


@check(points=1, max_examples=10)
@given(lecture=lecture_grids())
def exam_grid_pools_to_the_lectures_answers(student, lecture):
    """2x2 pooling of the lecture's 4x4 grid gives max [[13, 22], [17, 4]] and average [[7, 15.5], [9, 2.5]]
    (and the same with its 2x2 blocks, and the values inside them, reordered)"""
    grid, maxima, means = lecture
    for name, expected in (("max_pool2d", maxima), ("avg_pool2d", means)):
        what = f"{name}({grid.astype(int).tolist()})"
        expect_close(expect_array(student.call(name, grid), what, shape=(2, 2)), expected, what)


@check(points=1, max_examples=10)
@given(lecture=lecture_grids())
def upsampling_by_2_repeats_each_pixel_in_a_2x2_block(student, lecture):
    """Upsampling [[7, 15.5], [9, 2.5]] by 2 repeats each value in a 2x2 block (and the same reordered)"""
    _, _, pooled = lecture
    what = f"upsample_nearest({pooled.tolist()})"
    upsampled = expect_array(student.upsample_nearest(pooled), what, shape=(4, 4))
    expected = [[pooled[i // 2, j // 2] for j in range(4)] for i in range(4)]
    expect_close(upsampled, expected, what)


@check(points=1, max_examples=10)
@given(case=pooling_cases())
def pooled_shape_counts_only_the_windows_that_fit(student, case):
    """An H x W input gives floor((H - size) / stride) + 1 by floor((W - size) / stride) + 1 outputs, and a
    ramp (x[i, j] = 2 (i W + j)) pools to its windows' last corners (max) and centres (average)"""
    x, size, stride = case
    step = size if stride is None else stride
    shape = ((x.shape[0] - size) // step + 1, (x.shape[1] - size) // step + 1)
    strides = {} if stride is None else {"stride": stride}  # None: leave the default to the student
    for name in ("max_pool2d", "avg_pool2d"):
        what = f"{name}(x of shape {x.shape}, size={size}, stride={stride})"
        expect_array(student.call(name, x, size=size, **strides), what, shape=shape)
        what = f"{name}(ramp of shape {x.shape}, size={size}, stride={stride})"  # the anchor: the right shape
        pooled = expect_array(student.call(name, ramp(x.shape), size=size, **strides), what, shape=shape)  # alone
        expect_close(pooled, pooled_ramp(name, x.shape, size, step), what)  # fails here


@check(points=1, max_examples=10)
@given(x=st.tuples(st.integers(2, 4), st.integers(2, 4)).flatmap(lambda shape: grid(*shape)),
       scale=st.integers(2, 4))
def pooling_an_upsampled_grid_gives_it_back(student, x, scale):
    """Max or average pooling by s of a grid upsampled by s returns the grid"""
    upsampled = expect_array(student.upsample_nearest(x, scale=scale), f"upsample_nearest(x, scale={scale})",
                             shape=(x.shape[0] * scale, x.shape[1] * scale))
    for name in ("max_pool2d", "avg_pool2d"):
        what = f"{name}(upsample_nearest(x, scale={scale}), size={scale})"
        pooled = expect_array(student.call(name, upsampled, size=scale), what, shape=x.shape)
        expect_close(pooled, x, what)


# Degenerate windows and grids (decision 4: edges have their own check), worked by hand.
ROW = np.array([[1.0, 5.0, 2.0, 8.0]])


@check(points=1)
def one_pixel_windows_whole_grid_windows_and_one_row_grids(student):
    """A 1x1 window returns the grid; a window as large as the grid gives one value; one-row grids and
    scale 1 work like any other"""
    grid = np.array(EXAM_GRID, dtype=float)
    cases = [("max_pool2d", grid, {"size": 1}, grid), ("avg_pool2d", grid, {"size": 1}, grid),
             ("max_pool2d", grid, {"size": 4}, [[22.0]]), ("avg_pool2d", np.array([[1.0, 2.0], [3.0, 6.0]]), {"size": 2}, [[3.0]]),
             ("max_pool2d", ROW, {"size": 1}, ROW), ("avg_pool2d", ROW.T, {"size": 1}, ROW.T),
             ("upsample_nearest", grid, {"scale": 1}, grid),
             ("upsample_nearest", np.array([[4.0]]), {"scale": 3}, np.full((3, 3), 4.0))]
    for name, x, options, expected in cases:
        what = f"{name}({x.tolist() if x.size < 5 else 'lecture grid'}, {', '.join(f'{k}={v}' for k, v in options.items())})"
        value = expect_array(student.call(name, x, **options), what, shape=np.shape(expected))
        expect_close(value, expected, what)
