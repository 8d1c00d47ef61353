"""Hidden checks: agreement with the reference where a wrong convention shows."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.calc.image_entropy import image_entropy as reference
from gradekit.grading.api import check, expect_close

from .strategies import TOLERANCE, entropy, expect_more_spread_means_more_entropy, images, levels


@check(points=2)
@given(value=images())
def matches_reference_on_small_images(student, value):
    """Entropy in bits matches the reference on images of 1 to 8 bits"""
    image, _ = value
    expect_close(entropy(student, image), reference(image), "image_entropy(image)", **TOLERANCE)


def _noise_image(seed: int) -> np.ndarray:
    """A 16x16 8-bit image of uniform noise: ~200 distinct levels. One seed is one draw, where an
    element-by-element array would cost hypothesis 256 (this check is hidden, so nothing is shrunk
    for show)."""
    return np.random.default_rng(seed).integers(0, 256, (16, 16), dtype=np.uint8)


@check(points=2, max_examples=10)
@given(image=st.integers(0, 2**32 - 1).map(_noise_image))
def counts_every_level_of_8_bit_images(student, image):
    """Every distinct value of an 8-bit image with many levels is its own bin"""
    expect_close(entropy(student, image, "image_entropy(8-bit image)"), reference(image),
                 "image_entropy(8-bit image)", **TOLERANCE)


@check(points=1, max_examples=10)
@given(value=images(), seed=st.integers(0, 2**32 - 1), labels=levels(4))
def ignores_where_the_pixels_are(student, value, seed, labels):
    """Shuffling the pixels leaves the entropy unchanged, and more equally frequent values give more entropy"""
    image, _ = value
    shuffled = np.random.default_rng(seed).permutation(image.ravel()).reshape(image.shape)
    first = entropy(student, image)
    second = entropy(student, shuffled, "image_entropy(shuffled image)")
    expect_close(second, first, "image_entropy(shuffled image) vs image_entropy(image)",
                 **TOLERANCE)
    expect_more_spread_means_more_entropy(student, labels)
