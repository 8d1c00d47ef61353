"""Public checks: the exam's worked answer, laws every entropy obeys (each with an anchor), and the edges.

Worked examples are drawn with fresh pixel values (``levels``): the histogram, hence the entropy, stays the
one worked by hand, and an answer looked up from the examples below earns nothing.
"""

import math

import numpy as np
from hypothesis import given

from gradekit.grading.api import check, expect_between, expect_close

from .strategies import EXAM_IMAGE, TOLERANCE, entropy, expect_more_spread_means_more_entropy, images, levels, relabel

EXAM_MERGED = [[0, 1, 2, 3], [4, 5, 6, 6], [6, 6, 5, 4], [3, 2, 1, 0]]  # the exam image with its 7s made 6s
# Degenerate shapes (decision 4: edges have their own check), in values 0, 1, 2, with their entropies by hand.
EDGE_IMAGES = [
    ([[0]], 0.0),  # one pixel: one value, probability 1
    ([[0, 1, 1, 2]], 1.5),  # one row: p = 1/4, 1/2, 1/4
    ([[0], [0], [1]], -(2 / 3 * math.log2(2 / 3) + 1 / 3 * math.log2(1 / 3))),  # one column
]


@check(points=0, precondition=True)
def returns_a_real_number(student):
    """image_entropy returns a real number (a float)"""
    entropy(student, np.array(EXAM_IMAGE), "image_entropy(exam image)")


@check(points=2, max_examples=10)
@given(labels=levels(8))
def exam_image_has_entropy_three_bits(student, labels):
    """The exam's 4x4 3-bit image has entropy 3.0 bits, and 2.75 bits once its two 7s are made 6s"""
    for image, expected in ((EXAM_IMAGE, 3.0), (EXAM_MERGED, 2.75)):
        image = relabel(image, labels)
        what = f"image_entropy({image.tolist()})"
        expect_close(entropy(student, image, what), expected, what, **TOLERANCE)


@check(points=1, max_examples=10)
@given(value=images())
def constant_image_has_zero_entropy(student, value):
    """An image of one value has entropy 0 (0 log 0 = 0); one pixel changed makes it positive, two more so"""
    image, _ = value
    constant = np.full_like(image, image.flat[0])
    expect_close(entropy(student, constant, "image_entropy(constant image)"), 0.0,
                 "image_entropy(constant image)", **TOLERANCE)
    constant.flat[0] ^= 1  # the lowest bit of one pixel flipped: two values occur, within the bit depth
    one = entropy(student, constant, "image_entropy(image with one pixel changed)")
    expect_between(one, 1e-6, math.inf, "image_entropy(image with one pixel changed)")
    constant.flat[1] = constant.flat[0]  # a second pixel the same: at most half the pixels differ (4 or more)
    two = entropy(student, constant, "image_entropy(image with two pixels changed)")
    expect_between(two, one * (1 + 1e-5), math.inf, "image_entropy(image with two pixels changed), above the "
                                                    "entropy with one changed,")


@check(points=1, max_examples=10)
@given(value=images(), labels=levels(4))
def entropy_lies_between_zero_and_the_bit_depth(student, value, labels):
    """0 <= H <= min(bits, log2(number of pixels)), and more equally frequent values give more entropy"""
    image, bits = value
    expect_between(entropy(student, image), -1e-6, min(bits, math.log2(image.size)) + 1e-6, "image_entropy(image)")
    expect_more_spread_means_more_entropy(student, labels)


@check(points=1, max_examples=10)
@given(labels=levels(3))
def one_pixel_and_one_line_images(student, labels):
    """A one-pixel image has entropy 0; an image one pixel tall or wide counts its values like any other"""
    for image, expected in EDGE_IMAGES:
        image = relabel(image, labels)
        what = f"image_entropy({image.tolist()})"
        expect_close(entropy(student, image, what), expected, what, **TOLERANCE)
