"""Hidden checks: the reference's dtype rule, and its noise law at the extreme pixel levels."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.stats import ks_2samp

from gradekit.calc.dequantize import uniform_dequantize as reference
from gradekit.grading.api import check, expect_equal, expect_tensor, expect_true, generator, tensor

from .public_checks import expect_noise_varies, noise
from .strategies import SEEDS

DTYPES = ["uint8", "int32", "int64", "float32", "float64"]
LEVEL_KS_TOLERANCE = 0.03  # two samples of 32,768 from one law differ by more with probability ~1e-12


def reference_noise(y: np.ndarray, seed: int) -> np.ndarray:
    x = reference(torch.from_numpy(y), torch.Generator().manual_seed(seed)).numpy()
    return x.astype(np.float64) - y.astype(np.float64)


@check(points=1)
@given(dtype=st.sampled_from(DTYPES), shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=2, max_side=5),
       seed=SEEDS)
@example(dtype="float64", shape=(4, 4), seed=0)
@example(dtype="uint8", shape=(4, 4), seed=0)
def keeps_float_dtypes_and_makes_integers_float32(student, dtype, shape, seed):
    """x has y's dtype when y is floating point and float32 when y holds integers, the noise varying"""
    y = np.asarray(np.random.default_rng(seed).integers(0, 256, shape), dtype=dtype)
    x = student.uniform_dequantize(tensor(y, dtype=dtype), generator(seed))
    x = expect_tensor(x, f"uniform_dequantize of a {dtype} tensor of shape {shape}", shape=shape)
    expected = reference(torch.from_numpy(y), torch.Generator().manual_seed(seed)).dtype
    expect_equal(x.dtype, str(expected).removeprefix("torch."),
                 f"the dtype of uniform_dequantize of a {dtype} tensor")
    expect_noise_varies(student)


@check(points=1)
def noise_is_uniform_at_the_extreme_levels(student):
    """The noise at the levels 0 and 255 follows the same law as the reference's"""
    half = 32_768
    y = np.repeat(np.array([0, 255], dtype=np.uint8), half).reshape(2, half)  # row 0: level 0, row 1: 255
    u = noise(student, y, 6, "uniform_dequantize(levels 0 and 255, generator)")
    expected = reference_noise(y, 7)  # another seed: the laws are compared, not the draws
    for row, level in enumerate((0, 255)):
        distance = ks_2samp(u[row], expected[row]).statistic
        expect_true(distance <= LEVEL_KS_TOLERANCE,
                    f"the noise x - y at level {level} does not follow U[0, 1) "
                    f"(two-sample KS distance {distance:.4f})")
