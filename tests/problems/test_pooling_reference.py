"""The pooling reference agrees with torch.nn.functional, the convention it promises to follow."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gradekit.calc.pooling import avg_pool2d, max_pool2d, upsample_nearest

torch = pytest.importorskip("torch")
F = torch.nn.functional


@st.composite
def pooling_cases(draw):
    """A grid, a window that fits it and a stride (None: the window size), as the checks use them."""
    height, width = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    size = draw(st.integers(1, min(height, width)))
    stride = draw(st.one_of(st.none(), st.integers(1, 5)))
    grid = draw(hnp.arrays("float64", (height, width), elements=st.floats(-100, 100, width=32)))
    return grid, size, stride


def as_image(grid: np.ndarray):
    return torch.from_numpy(grid)[None, None]  # (1, 1, H, W): torch pools images in batches


@given(case=pooling_cases())
def test_max_pool_matches_torch_max_pool2d(case):
    grid, size, stride = case
    expected = F.max_pool2d(as_image(grid), size, stride=stride)[0, 0].numpy()
    np.testing.assert_array_equal(max_pool2d(grid, size=size, stride=stride), expected)


@given(case=pooling_cases())
def test_avg_pool_matches_torch_avg_pool2d(case):
    grid, size, stride = case
    expected = F.avg_pool2d(as_image(grid), size, stride=stride)[0, 0].numpy()
    np.testing.assert_allclose(avg_pool2d(grid, size=size, stride=stride), expected, rtol=1e-12, atol=1e-12)


@given(grid=hnp.arrays("float64", st.tuples(st.integers(1, 6), st.integers(1, 6)),
                       elements=st.floats(-100, 100, width=32)),
       scale=st.integers(1, 4))
def test_upsample_matches_torch_nearest_interpolation(grid, scale):
    expected = F.interpolate(as_image(grid), scale_factor=scale, mode="nearest")[0, 0].numpy()
    np.testing.assert_array_equal(upsample_nearest(grid, scale=scale), expected)


def test_lecture_grid_pools_to_the_slide_values():
    grid = np.array([[3, 13, 18, 22], [5, 7, 12, 10], [7, 1, 2, 3], [11, 17, 1, 4]])
    np.testing.assert_array_equal(max_pool2d(grid), [[13, 22], [17, 4]])
    np.testing.assert_array_equal(avg_pool2d(grid), [[7, 15.5], [9, 2.5]])


def test_a_window_larger_than_the_grid_is_an_error():
    with pytest.raises(ValueError, match="does not fit"):
        max_pool2d(np.zeros((2, 3)), size=3)
