"""Public checks: the exam's worked answer, laws every entropy obeys (each with an anchor), and the edges."""

import math

import numpy as np
from hypothesis import given

from gradekit.grading.api import check, expect_between, expect_close

from .strategies import EXAM_IMAGE, entropy, expect_more_spread_means_more_entropy, images

# Degenerate shapes (decision 4: edges have their own check) with their entropies worked by hand.
EDGE_IMAGES = [
    (np.array([[5]]), 0.0),  # one pixel: one value, probability 1
    (np.array([[0, 1, 1, 3]]), 1.5),  # one row: p = 1/4, 1/2, 1/4
    (np.array([[2], [2], [7]]), -(2 / 3 * math.log2(2 / 3) + 1 / 3 * math.log2(1 / 3))),  # one column
]


@check(points=0, precondition=True)
def returns_a_real_number(student):
    """image_entropy returns a real number (a float)"""
    entropy(student, np.array(EXAM_IMAGE), "image_entropy(exam image)")


@check(points=2)
def exam_image_has_entropy_three_bits(student):
    """The exam's 4x4 3-bit image has entropy 3.0 bits"""
    expect_close(entropy(student, EXAM_IMAGE, "image_entropy(exam image)"), 3.0, "image_entropy(exam image)")


@check(points=1, max_examples=15)
@given(value=images())
def constant_image_has_zero_entropy(student, value):
    """An image of one value has entropy 0 (0 log 0 = 0), and one pixel changed makes it positive"""
    image, _ = value
    constant = np.full_like(image, image.flat[0])
    expect_close(entropy(student, constant, "image_entropy(constant image)"), 0.0,
                 "image_entropy(constant image)", atol=1e-12)
    constant.flat[0] ^= 1  # the lowest bit of one pixel flipped: two values occur, within the bit depth
    expect_between(entropy(student, constant, "image_entropy(image of two values)"), 1e-12, math.inf,
                   "image_entropy(image of two values)")


@check(points=1, max_examples=20)
@given(value=images())
def entropy_lies_between_zero_and_the_bit_depth(student, value):
    """0 <= H <= min(bits, log2(number of pixels)), and more equally frequent values give more entropy"""
    image, bits = value
    expect_between(entropy(student, image), -1e-9, min(bits, math.log2(image.size)) + 1e-9, "image_entropy(image)")
    expect_more_spread_means_more_entropy(student)


@check(points=1)
def one_pixel_and_one_line_images(student):
    """A one-pixel image has entropy 0; an image one pixel tall or wide counts its values like any other"""
    for image, expected in EDGE_IMAGES:
        what = f"image_entropy({image.tolist()})"
        expect_close(entropy(student, image, what), expected, what)
