"""Public checks: the exam's worked answer and laws every entropy obeys."""

import math

import numpy as np
from hypothesis import given

from gradekit.grading.api import check, expect_close, expect_real, expect_true

from .strategies import EXAM_IMAGE, images


@check(points=3)
def exam_image_has_entropy_three_bits(student):
    """The exam's 4x4 3-bit image has entropy 3.0 bits"""
    entropy = expect_real(student.image_entropy(np.array(EXAM_IMAGE)), "image_entropy(exam image)")
    expect_close(entropy, 3.0, "image_entropy(exam image)")


@check(points=1)
@given(value=images())
def constant_image_has_zero_entropy(student, value):
    """An image of one value has entropy 0 (0 log 0 = 0)"""
    image, _ = value
    constant = np.full_like(image, image.flat[0])
    entropy = expect_real(student.image_entropy(constant), "image_entropy(constant image)")
    expect_close(entropy, 0.0, "image_entropy(constant image)", atol=1e-12)


@check(points=1)
@given(value=images())
def entropy_lies_between_zero_and_the_bit_depth(student, value):
    """0 <= H <= min(bits, log2(number of pixels))"""
    image, bits = value
    entropy = expect_real(student.image_entropy(image), "image_entropy(image)")
    upper = min(bits, math.log2(image.size))
    expect_true(-1e-9 <= entropy <= upper + 1e-9,
                f"image_entropy(image) = {entropy!r} lies outside [0, {upper:g}]")
