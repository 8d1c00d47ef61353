"""Hidden checks: agreement with the reference on generated codes and bit strings."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.calc.semantic_hashing import binarize, hamming, near_duplicates
from gradekit.grading.api import CheckFailed, check, expect_array, expect_equal, expect_int, show

from .answers import expect_pairs
from .strategies import bit_matrices, codes_with_threshold


@check(points=1)
@given(value=codes_with_threshold())
def binarize_matches_reference(student, value):
    """binarize matches the reference, with the default and with given thresholds"""
    codes, threshold = value
    for what, got, want in (("binarize(codes)", student.binarize(codes), binarize(codes)),
                            ("binarize(codes, threshold)", student.binarize(codes, threshold),
                             binarize(codes, threshold))):
        got = expect_array(got, what, shape=codes.shape)
        if not np.array_equal(got, want):
            raise CheckFailed(f"{what} is wrong: got {show(got)}")


@check(points=1)
@given(bits=bit_matrices(rows=st.just(2)))
def hamming_matches_reference(student, bits):
    """hamming matches the reference on random bit strings"""
    distance = expect_int(student.hamming(bits[0], bits[1]), "hamming(a, b)")
    expect_equal(distance, hamming(bits[0], bits[1]), "hamming(a, b)")


@check(points=1)
@given(bits=bit_matrices(), max_distance=st.integers(0, 4))
def near_duplicates_matches_reference(student, bits, max_distance):
    """near_duplicates matches the reference on random bit matrices"""
    what = f"near_duplicates(bits, {max_distance})"
    pairs = expect_pairs(student.near_duplicates(bits, max_distance), what)
    expect_equal(pairs, near_duplicates(bits, max_distance), what)
