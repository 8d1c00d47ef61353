"""Public checks: range, determinism under a seeded generator, and the noise's law (not its exact draws).

A constant "noise" (x = y + 0.5) satisfies the range, determinism and mean laws: each is
anchored (issue 15, decision 1). The laws on where x lies (range, mean, edges) by
``expect_noise_fills_its_bin``, so that y + 0.5 plus a tiny jitter earns none of them; the laws on
the generator (dtype, determinism) by ``expect_noise_varies``, and determinism for a seed also by
another seed giving another x (a "noise" that ignores the generator is deterministic too).
"""

import numpy as np
from hypothesis import example, given

from gradekit.grading.api import (check, expect_between, expect_finite, expect_tensor, expect_true, generator,
                                  tensor)

from .strategies import SEEDS, image_batch, ks_statistic_against_uniform, small_images

# Each property check also runs an explicit @example (every 8-bit level), so a verdict
# never hangs on what the search happens to draw.
EVERY_LEVEL = np.arange(256, dtype=np.uint8).reshape(16, 16)
MEAN_TOLERANCE = 0.01  # ~10 standard errors of the mean of 98,304 U[0, 1) draws
KS_TOLERANCE = 0.01  # a true U[0, 1) sample of 98,304 exceeds it with probability ~1e-8


def dequantized(student, y: np.ndarray, seed: int, what: str) -> np.ndarray:
    """The student's x for ``y`` and a generator seeded with ``seed``: a float tensor of y's shape."""
    x = student.uniform_dequantize(tensor(y, dtype=str(y.dtype)), generator(seed))
    return expect_tensor(x, what, shape=y.shape).array


def noise(student, y: np.ndarray, seed: int, what: str) -> np.ndarray:
    """u = x - y, in float64."""
    return dequantized(student, y, seed, what).astype(np.float64) - y.astype(np.float64)


def expect_noise_varies(student) -> None:
    """The anchor: the noise x - y stays within 1 of the bin and takes more than one value over the 256
    levels (x = y + 0.5 fails, and so do constants, zeros and arbitrary random values)."""
    u = noise(student, EVERY_LEVEL, 0, "uniform_dequantize(every 8-bit level, generator(0))")
    expect_between(u, -1, 2, "x - y over every 8-bit level")
    expect_true(float(u.std()) > 1e-6,
                f"the noise x - y is the same for every pixel ({u.flat[0]!r}): it should be drawn, pixel by "
                f"pixel, from the generator")


def expect_noise_fills_its_bin(student) -> None:
    """The anchor of the laws on where x lies: over the 256 levels the noise x - y stays within 1 of the bin
    and spans at least half of it (y + 0.5, with or without a tiny jitter, fails; so does a noise shrunk to
    a sliver of the bin, which leaves x where y was)."""
    u = noise(student, EVERY_LEVEL, 0, "uniform_dequantize(every 8-bit level, generator(0))")
    expect_between(u, -1, 2, "x - y over every 8-bit level")
    spread = float(u.max() - u.min())
    expect_true(spread >= 0.5,
                f"over the 256 levels the noise x - y spans only {spread:.4g} (from {float(u.min()):.4g} to "
                f"{float(u.max()):.4g}): U[0, 1) noise fills its bin [y, y + 1)")


@check(points=0, precondition=True)
def returns_floats_of_the_same_shape(student):
    """Integer pixels give a floating-point tensor of the same shape"""
    for shape, dtype in [((2, 3, 8, 8), np.uint8), ((5,), np.int64), ((4, 4), np.int32)]:
        y = np.random.default_rng(0).integers(0, 256, shape).astype(dtype)
        dequantized(student, y, 0, f"uniform_dequantize of a {dtype.__name__} tensor of shape {shape}")


@check(points=2)
@given(y=small_images(), seed=SEEDS)
@example(y=EVERY_LEVEL, seed=0)
def every_value_lies_in_its_bin(student, y, seed):
    """Every x lies in [y, y + 1) (up to float32 rounding of y + u near y + 1), the noise filling the bin"""
    u = noise(student, y, seed, "uniform_dequantize(y, generator)")
    expect_between(u, 0, 1, "x - y")
    expect_noise_fills_its_bin(student)


@check(points=2)
@given(y=small_images(), seed=SEEDS)
@example(y=EVERY_LEVEL, seed=0)
def same_seed_gives_same_output(student, y, seed):
    """Two calls with generators seeded alike give the same x, the noise varying; another seed gives another x"""
    first = dequantized(student, y, seed, "uniform_dequantize(y, generator(seed))")
    second = dequantized(student, y, seed, "uniform_dequantize(y, generator(seed)) called again")
    expect_true(np.array_equal(first, second),
                f"two calls with generators seeded {seed} gave different x: is the noise "
                f"drawn without the generator passed in?")
    expect_noise_varies(student)
    other = dequantized(student, y, seed + 1, "uniform_dequantize(y, generator(seed + 1))")  # the anchor: a
    expect_true(not np.array_equal(first, other),  # noise that ignores the generator is deterministic too
                f"generators seeded {seed} and {seed + 1} gave the same x: the same x for a seed means "
                f"something only if the generator passed in decides it")


@check(points=1, max_examples=10)
@given(seed=SEEDS)
@example(seed=0)
def different_seeds_give_different_outputs(student, seed):
    """Generators seeded differently give different noise, x staying within 1 of its bin"""
    y = image_batch(seed=1)[:1, :1]  # one 32x32 channel
    first = dequantized(student, y, seed, "uniform_dequantize(y, generator(seed))")
    expect_between(first.astype(np.float64) - y, -1, 2, "x - y")  # the anchor: arbitrary random values fail
    second = dequantized(student, y, seed + 1, "uniform_dequantize(y, generator(seed + 1))")
    expect_true(not np.array_equal(first, second),
                f"generators seeded {seed} and {seed + 1} gave the same x: is the generator passed in used?")


@check(points=1)
def noise_has_mean_one_half(student):
    """The noise x - y averages 1/2 on a large image batch (U[0, 1), not centred on 0), and fills its bin"""
    u = noise(student, image_batch(seed=2), 3, "uniform_dequantize(images, generator)")
    expect_finite(u, "x - y")
    expect_noise_fills_its_bin(student)
    expect_true(abs(u.mean() - 0.5) <= MEAN_TOLERANCE,
                f"the mean of x - y over {u.size} values is {u.mean():.4f}", detail="expected 0.5")


@check(points=1)
def noise_is_uniform_on_the_unit_interval(student):
    """The noise x - y follows U[0, 1): Kolmogorov-Smirnov distance at most 0.01 on a large batch"""
    u = noise(student, image_batch(seed=4), 5, "uniform_dequantize(images, generator)")
    expect_finite(u, "x - y")
    distance = ks_statistic_against_uniform(u)
    expect_true(distance <= KS_TOLERANCE,
                f"the noise x - y is not uniform on [0, 1): its KS distance to U[0, 1) is {distance:.4f}",
                detail=f"expected at most {KS_TOLERANCE}")


@check(points=1)
def scalar_single_and_empty_tensors(student):
    """A 0-d tensor, a one-element tensor and an empty tensor dequantize like any other: x in [y, y + 1)"""
    for y in (np.array(7, dtype=np.uint8), np.array([200], dtype=np.uint8), np.zeros((0,), dtype=np.uint8),
              np.zeros((2, 0, 3), dtype=np.uint8)):
        u = noise(student, y, 0, f"uniform_dequantize(a uint8 tensor of shape {y.shape}, generator)")
        expect_between(u, 0, 1, f"x - y for a tensor of shape {y.shape}")
    expect_noise_fills_its_bin(student)
