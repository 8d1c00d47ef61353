"""Public checks: the exam's worked answer and laws every maxout layer obeys (each with a drawn anchor)."""

import numpy as np
from hypothesis import given

from gradekit.grading.api import check, expect_array, expect_close, expect_true

from .strategies import EXAM_INPUT, EXAM_UNITS, exam_orders, indivisible_layers, layers, pair_anchors


def expect_pair_maxima(student, anchor) -> None:
    """maxout(x, 2) of a drawn ``[a, small, small, d]`` is ``[a, d]`` (see ``pair_anchors``)."""
    x, y = anchor
    what = f"maxout({x.tolist()}, 2)"
    expect_close(expect_array(student.maxout(x, 2), what, shape=(2,)), y, what, rtol=0, atol=0)


@check(points=0, precondition=True)
def returns_an_array_of_one_value_per_unit(student):
    """maxout returns a numpy array with one value per unit"""
    expect_array(student.maxout(np.array(EXAM_INPUT), EXAM_UNITS), "maxout(exam x, 4)", shape=(4,))


@check(points=2, max_examples=10)
@given(exam=exam_orders())
def exam_vector_with_4_units_gives_3_6_1_9(student, exam):
    """The exam's 12 inputs into 4 units of 3 pieces give y = [3, 6, 1, 9] (and the same maxima with the groups
    and their pieces reordered)"""
    x, expected = exam
    what = f"maxout({x.astype(int).tolist()}, 4)"
    y = expect_array(student.maxout(x, EXAM_UNITS), what, shape=(4,))
    expect_close(y, expected, what)


@check(points=1)
@given(layer=indivisible_layers(), anchor=pair_anchors())
def indivisible_length_raises_value_error(student, layer, anchor):
    """A last axis that the unit count does not divide raises ValueError; one it divides gives the maxima"""
    x, units = layer
    expect_pair_maxima(student, anchor)  # the anchor: a function that only validates its arguments fails here
    raised = student.raises("ValueError", "maxout", x, units)
    expect_true(raised is not None and raised.is_a("ValueError"),
                f"maxout(x of shape {x.shape}, {units}) should raise ValueError, "
                + ("but it returned a value" if raised is None else f"but {raised.describe()}"))


@check(points=1)
@given(layer=layers(), anchor=pair_anchors())
def one_unit_per_input_returns_the_input(student, layer, anchor):
    """With as many units as inputs, every group is one input and maxout returns x; with fewer, the maxima"""
    x, _ = layer
    y = expect_array(student.maxout(x, len(x)), f"maxout(x, {len(x)})", shape=x.shape)
    expect_close(y, x, f"maxout(x, {len(x)})", rtol=0, atol=0)
    expect_pair_maxima(student, anchor)  # the anchor: a function returning its input fails here
