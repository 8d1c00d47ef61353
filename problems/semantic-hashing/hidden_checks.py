"""Hidden checks: agreement with the reference on generated codes and bit strings, and at the edges."""

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.semantic_hashing import binarize, hamming, near_duplicates
from gradekit.grading.api import CheckFailed, check, expect_array, expect_equal, expect_int, show

from .answers import expect_pairs
from .strategies import bit_matrices, codes_with_threshold, single_images_or_bits


def expect_reference_bits(student, codes, threshold):
    for what, got, want in (("binarize(codes)", student.binarize(codes), binarize(codes)),
                            ("binarize(codes, threshold)", student.binarize(codes, threshold),
                             binarize(codes, threshold))):
        got = expect_array(got, f"{what} of shape {codes.shape}", shape=codes.shape)
        if not np.array_equal(got, want):
            raise CheckFailed(f"{what} of shape {codes.shape} is wrong: got {show(got)}")


@check(points=1)
@given(value=codes_with_threshold())
@example(value=(np.array([[0.5, 0.7, 0.2], [0.9, -0.5, 0.0]]), 0.0))
def binarize_matches_reference(student, value):
    """binarize matches the reference, with the default and with given thresholds"""
    expect_reference_bits(student, *value)


@check(points=1)
@given(bits=bit_matrices(rows=st.just(2)))
@example(bits=np.array([[1, 0, 1, 1], [0, 0, 1, 0]]))
def hamming_matches_reference(student, bits):
    """hamming matches the reference on random bit strings"""
    distance = expect_int(student.hamming(bits[0], bits[1]), "hamming(a, b)")
    expect_equal(distance, hamming(bits[0], bits[1]), "hamming(a, b)")


@check(points=1)
@given(bits=bit_matrices(), max_distance=st.integers(0, 4))
@example(bits=np.array([[1, 0, 1, 1], [0, 0, 1, 0], [1, 0, 1, 0], [0, 1, 0, 1]]), max_distance=1)
def near_duplicates_matches_reference(student, bits, max_distance):
    """near_duplicates matches the reference on random bit matrices"""
    what = f"near_duplicates(bits, {max_distance})"
    pairs = expect_pairs(student.near_duplicates(bits, max_distance), what)
    expect_equal(pairs, near_duplicates(bits, max_distance), what)


@check(points=1)
@given(value=single_images_or_bits())
@example(value=(np.array([[0.9, 0.2, 0.6]]), 0.5))
def single_images_and_single_bits_match_the_reference(student, value):
    """Edge: one image's codes (1, D) or one bit per image (N, 1) keep their shape; one image has no pairs"""
    codes, threshold = value
    expect_reference_bits(student, codes, threshold)
    bits = binarize(codes, threshold)
    what = f"near_duplicates(bits of shape {bits.shape}, 0)"
    expect_equal(expect_pairs(student.near_duplicates(bits, 0), what), near_duplicates(bits, 0), what)
    if bits.shape[1] == 1 and bits.shape[0] >= 2:
        what = f"hamming of two one-bit strings {bits[0].tolist()} and {bits[1].tolist()}"
        expect_equal(expect_int(student.hamming(bits[0], bits[1]), what), hamming(bits[0], bits[1]), what)
