"""Hidden checks: agreement with the reference on vectors, batches and the edge unit counts."""

from hypothesis import given

from gradekit.calc.maxout import maxout as reference
from gradekit.grading.api import check, expect_array, expect_close

from .strategies import increasing_layers, layers


@check(points=2)
@given(layer=layers())
def matches_reference_on_vectors(student, layer):
    """maxout matches the reference on vectors of 2 to 6 units of 2 to 6 pieces"""
    x, units = layer
    y = expect_array(student.maxout(x, units), f"maxout(x, {units})", shape=(units,))
    expect_close(y, reference(x, units), f"maxout({x.tolist()}, {units})", rtol=0, atol=0)


@check(points=2)
@given(layer=layers(batch=True))
def works_row_by_row_on_batches(student, layer):
    """On a batch (rows are samples) maxout works over the last axis, row by row"""
    x, units = layer
    y = expect_array(student.maxout(x, units), f"maxout(x of shape {x.shape}, {units})",
                     shape=(x.shape[0], units))
    expect_close(y, reference(x, units), f"maxout(x of shape {x.shape}, {units})", rtol=0, atol=0)


@check(points=1)
@given(layer=increasing_layers())
def groups_are_consecutive_inputs(student, layer):
    """Unit k takes inputs k*p to k*p + p - 1 (consecutive), not every k-th input"""
    x, units = layer
    y = expect_array(student.maxout(x, units), f"maxout(increasing x, {units})", shape=(units,))
    expect_close(y, reference(x, units), f"maxout({x.tolist()}, {units})", rtol=0, atol=0)


@check(points=1)
@given(layer=layers())
def one_unit_takes_the_largest_input(student, layer):
    """With one unit (the edge of a single group), maxout returns [max(x)], an array of shape (1,)"""
    x, _ = layer
    y = expect_array(student.maxout(x, 1), "maxout(x, 1)", shape=(1,))
    expect_close(y, reference(x, 1), f"maxout({x.tolist()}, 1)", rtol=0, atol=0)
