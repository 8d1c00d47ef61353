"""Public checks: the worked example, the strict threshold, and the laws of Hamming distance.

The contract's types (integer bits, an int distance, a list of pairs) are a precondition worth no
points. A law that a degenerate function satisfies carries an anchor in the same check: the pair
at max_distance is listed *and* one bit closer it is not; every pair is listed at a large
max_distance *and*, below the full length, a row pairs with its copy but not its complement.
"""

import itertools

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.grading.api import (CheckFailed, StudentRaised, check, expect_array, expect_equal, expect_int,
                                  expect_true, show)

from .answers import expect_pairs
from .strategies import (EXAMPLE_BITS, EXAMPLE_CODES, EXAMPLE_DISTANCE_01, EXAMPLE_PAIRS, bit_matrices,
                         bit_strings_and_flips, codes_with_threshold, example_pair)


def bits_of(student, codes, threshold, what):
    """The student's binarized codes as 0/1 ints (any integer dtype), of the codes' shape."""
    bits = expect_array(student.binarize(codes, threshold), what, shape=codes.shape)
    return bits.astype(np.int64)


@check(points=0, precondition=True)
def returns_the_contract_types(student):
    """binarize returns an integer array of the codes' shape; hamming an int; near_duplicates a list of pairs"""
    codes, bits = np.array(EXAMPLE_CODES), np.array(EXAMPLE_BITS)
    try:
        got = expect_array(student.binarize(codes), "binarize(example codes)", shape=codes.shape)
        if got.dtype.kind not in "iu":
            raise CheckFailed(f"binarize(example codes) should be an integer array, but its dtype is {got.dtype}")
    except StudentRaised:
        pass  # not written yet, or wrong: that function's own checks say so; this one is about types
    try:
        expect_int(student.hamming(bits[0], bits[2]), "hamming(example bits[0], bits[2])")
    except StudentRaised:
        pass
    try:
        expect_pairs(student.near_duplicates(bits, 1), "near_duplicates(example bits, 1)")
    except StudentRaised:
        pass


@check(points=1)
@given(value=codes_with_threshold())
@example(value=(np.array([[0.5, 0.7, 0.2], [0.50000006, 0.5, -1.0]]), 0.5))  # above 0.5 in float32 too
def binarize_is_strict(student, value):
    """A code exactly at the threshold gives 0; only codes strictly above it give 1"""
    codes, threshold = value
    codes = np.concatenate([codes, np.full((1, codes.shape[1]), threshold)])  # a row on the threshold
    bits = bits_of(student, codes, threshold, f"binarize(codes, threshold={threshold!r})")
    wrong = np.argwhere(bits != (codes > threshold))
    if wrong.size:
        i, j = wrong[0]
        raise CheckFailed(f"binarize(codes, threshold={threshold!r}) gives {bits[i, j]} for the code {codes[i, j]!r}",
                          detail=f"expected {int(codes[i, j] > threshold)}")


@check(points=2)
def worked_example(student):
    """The statement's example: four codes binarized at 0.5, two pairs at most 1 bit apart, in any order of the images"""
    codes, bits = np.array(EXAMPLE_CODES), np.array(EXAMPLE_BITS)
    got = expect_array(student.binarize(codes), "binarize(example codes)", shape=codes.shape)
    if not np.array_equal(got, bits):
        raise CheckFailed(f"binarize(example codes) is wrong: got {show(got)}", detail=f"expected {show(bits)}")
    distance = expect_int(student.hamming(bits[0], bits[1]), "hamming(example bits[0], bits[1])")
    expect_equal(distance, EXAMPLE_DISTANCE_01, "hamming(example bits[0], bits[1])")
    pairs = expect_pairs(student.near_duplicates(bits, 1), "near_duplicates(example bits, 1)")
    expect_equal(pairs, EXAMPLE_PAIRS, "near_duplicates(example bits, 1)")
    # the anchor: the answers above written down as constants pass them; the same images in another order
    # (2, 0, 3, 1) give their bits in that order, and images 0 and 2 of the example differ in 5 bits
    order = [2, 0, 3, 1]
    got = expect_array(student.binarize(codes[order]), "binarize(example codes in the order 2, 0, 3, 1)",
                       shape=codes.shape)
    if not np.array_equal(got, bits[order]):
        raise CheckFailed(f"binarize(example codes in the order 2, 0, 3, 1) is wrong: got {show(got)}",
                          detail=f"expected {show(bits[order])}")
    distance = expect_int(student.hamming(bits[0], bits[2]), "hamming(example bits[0], bits[2])")
    expect_equal(distance, 5, "hamming(example bits[0], bits[2])")
    pairs = expect_pairs(student.near_duplicates(bits[order], 1), "near_duplicates(example bits in the order 2, 0, 3, 1, 1)")
    expect_equal(pairs, [(0, 2), (1, 3)], "near_duplicates(example bits in the order 2, 0, 3, 1, 1)")


@check(points=1)
@given(value=bit_strings_and_flips())
@example(value=example_pair([1, 0, 1, 1, 0], [0, 1, 1, 0, 0]))
def hamming_counts_differing_bits(student, value):
    """hamming returns an int: 0 for equal strings, k after flipping k >= 1 bits, the same both ways"""
    a, flipped, k = value
    same = expect_int(student.hamming(a, a), "hamming(a, a)")
    expect_equal(same, 0, "hamming(a, a)")
    forward = expect_int(student.hamming(a, flipped), f"hamming(a, a with {k} bits flipped)")
    expect_equal(forward, k, f"hamming(a, a with {k} bits flipped)")
    backward = expect_int(student.hamming(flipped, a), f"hamming(a with {k} bits flipped, a)")
    expect_equal(backward, k, f"hamming(a with {k} bits flipped, a)")


@check(points=1)
@given(value=bit_strings_and_flips())
@example(value=example_pair([1, 0, 1, 1, 0], [0, 1, 1, 0, 0]))
def pairs_at_max_distance_are_included(student, value):
    """A pair exactly max_distance bits apart is a near duplicate (<=, not <); one bit further it is not"""
    a, flipped, k = value
    bits = np.stack([a, flipped])
    pairs = expect_pairs(student.near_duplicates(bits, k), f"near_duplicates(two rows {k} bits apart, {k})")
    expect_equal(pairs, [(0, 1)], f"near_duplicates(two rows {k} bits apart, {k})")
    # the anchor: listing (0, 1) whatever the distance would pass the line above
    closer = expect_pairs(student.near_duplicates(bits, k - 1), f"near_duplicates(two rows {k} bits apart, {k - 1})")
    expect_equal(closer, [], f"near_duplicates(two rows {k} bits apart, {k - 1})")


@check(points=1)
@given(bits=bit_matrices(), max_distance=st.integers(0, 10))
@example(bits=np.array([[1, 0, 1], [1, 0, 1], [0, 1, 1]]), max_distance=1)
def pairs_are_sorted_with_i_below_j(student, bits, max_distance):
    """Each pair is (i, j) with i < j, listed once, in sorted order; a max_distance above the length gives all"""
    what = f"near_duplicates(bits, {max_distance})"
    pairs = expect_pairs(student.near_duplicates(bits, max_distance), what)
    expect_true(all(i < j for i, j in pairs), f"{what} holds a pair (i, j) with i >= j: {show(pairs)}")
    expect_true(pairs == sorted(set(pairs)), f"{what} is not sorted, or repeats a pair: {show(pairs)}")
    every = f"near_duplicates(bits, {bits.shape[1] + 1})"
    everything = expect_pairs(student.near_duplicates(bits, bits.shape[1] + 1), every)
    expect_equal(everything, list(itertools.combinations(range(bits.shape[0]), 2)), every)
    # the anchor: answers that ignore the bits (every pair, or none below the full length) pass the lines
    # above; a copy of row 0 is 0 bits from it, its complement every bit
    n, length = bits.shape
    extended = np.concatenate([bits, bits[:1], 1 - bits[:1]])
    what = f"near_duplicates(bits, a copy of row 0 and its complement, {length - 1})"
    pairs = expect_pairs(student.near_duplicates(extended, length - 1), what)
    expect_true((0, n) in pairs, f"{what} leaves out (0, {n}), a row and its copy: {show(pairs)}")
    expect_true((0, n + 1) not in pairs,
                f"{what} lists (0, {n + 1}), two rows that differ in every bit: {show(pairs)}")
