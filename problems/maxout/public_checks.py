"""Public checks: the exam's worked answer and laws every maxout layer obeys."""

import numpy as np
from hypothesis import given

from gradekit.grading.api import check, expect_array, expect_close, expect_true

from .strategies import EXAM_INPUT, EXAM_UNITS, indivisible_layers, layers


@check(points=0, precondition=True)
def returns_an_array_of_one_value_per_unit(student):
    """maxout returns a numpy array with one value per unit"""
    expect_array(student.maxout(np.array(EXAM_INPUT), EXAM_UNITS), "maxout(exam x, 4)", shape=(4,))


@check(points=2)
def exam_vector_with_4_units_gives_3_6_1_9(student):
    """The exam's 12 inputs into 4 units of 3 pieces give y = [3, 6, 1, 9]"""
    y = expect_array(student.maxout(np.array(EXAM_INPUT), EXAM_UNITS), "maxout(exam x, 4)", shape=(4,))
    expect_close(y, [3, 6, 1, 9], "maxout(exam x, 4)")


@check(points=1)
@given(layer=indivisible_layers())
def indivisible_length_raises_value_error(student, layer):
    """A last axis that the unit count does not divide raises ValueError; one it divides does not"""
    x, units = layer
    divisor = x.shape[-1] // 2 if x.shape[-1] % 2 == 0 else 1
    expect_array(student.maxout(x, divisor), f"maxout(x of shape {x.shape}, {divisor})")  # the anchor
    raised = student.raises("ValueError", "maxout", x, units)
    expect_true(raised is not None and raised.is_a("ValueError"),
                f"maxout(x of shape {x.shape}, {units}) should raise ValueError, "
                + ("but it returned a value" if raised is None else f"but {raised.describe()}"))


@check(points=1)
@given(layer=layers())
def one_unit_per_input_returns_the_input(student, layer):
    """With as many units as inputs, every group is one input and maxout returns x; with fewer, it does not"""
    x, _ = layer
    y = expect_array(student.maxout(x, len(x)), f"maxout(x, {len(x)})", shape=x.shape)
    expect_close(y, x, f"maxout(x, {len(x)})", rtol=0, atol=0)
    pairs = expect_array(student.maxout(np.array([3.0, 1.0, 2.0, 4.0]), 2), "maxout([3, 1, 2, 4], 2)",
                         shape=(2,))  # the anchor: a function returning its input fails here
    expect_close(pairs, [3.0, 4.0], "maxout([3, 1, 2, 4], 2)", rtol=0, atol=0)
