"""Public checks: the worked answers and the laws of an L1 loss summed over two directions.

Every law that a degenerate loss (zero, a constant, NaN) would satisfy carries an anchor in the
same check: a round trip that misses its image must cost something.
"""

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.grading.api import check, expect_close, expect_tensor, expect_true, tensor

from .strategies import (EXAMPLE_LOSS, EXAMPLE_X, EXAMPLE_X_CYCLED, EXAMPLE_Y, EXAMPLE_Y_CYCLED, LOSS_TOLERANCE,
                         ORDINARY_ERRORS, cycles_with_errors, positive_factors)


def loss(student, x, x_cycled, y, y_cycled, what, **kwargs):
    """The student's loss on float64 tensors, checked to be a scalar tensor."""
    value = student.cycle_consistency_loss(tensor(x, "float64"), tensor(x_cycled, "float64"),
                                           tensor(y, "float64"), tensor(y_cycled, "float64"), **kwargs)
    return float(expect_tensor(value, what, shape=()).array)


def expect_costs_something(value: float, what: str) -> None:
    """A round trip that misses its image gives a finite, non-zero loss."""
    expect_true(bool(np.isfinite(value)) and value != 0,
                f"{what} = {value!r}, but round trips that miss their images must give a non-zero loss")


def expect_depends_on_the_errors(student, images, what: str) -> None:
    """The anchor of the λ laws: at λ = 1 exact round trips cost nothing and missed ones cost something
    (a loss that ignores the images, such as λ times a constant, is linear in λ too)."""
    x, x_cycled, y, y_cycled = images
    exact = loss(student, x, x, y, y, "cycle_consistency_loss(x, x, y, y, lam=1.0)", lam=1.0)
    expect_close(exact, 0.0, "cycle_consistency_loss(x, x, y, y, lam=1.0)", atol=1e-12)
    expect_costs_something(loss(student, *images, what, lam=1.0), what)


@check(points=0, precondition=True)
def returns_a_scalar_tensor(student):
    """The loss is a 0-dimensional floating-point torch tensor (so it can be back-propagated)"""
    value = student.cycle_consistency_loss(*(tensor(a, "float64") for a in ORDINARY_ERRORS))
    expect_tensor(value, "cycle_consistency_loss(...)", shape=())


@check(points=2)
@given(images=cycles_with_errors())
@example(images=ORDINARY_ERRORS)
def identity_mappings_give_zero(student, images):
    """When F(G(x)) = x and G(F(y)) = y the loss is 0, while round trips that miss cost something"""
    x, x_cycled, y, y_cycled = images
    value = loss(student, x, x, y, y, "cycle_consistency_loss(x, x, y, y)")
    expect_close(value, 0.0, "cycle_consistency_loss(x, x, y, y)", atol=1e-12)
    missed = loss(student, x, x_cycled, y, y_cycled, "cycle_consistency_loss(x, x_cycled, y, y_cycled)")
    expect_costs_something(missed, "cycle_consistency_loss(x, x_cycled, y, y_cycled)")


def _rearranged(image, order, sign: float) -> np.ndarray:
    """One 1x1x2x2 image of the worked example with its four pixels in ``order``, times ``sign``."""
    return sign * np.asarray(image, dtype=np.float32).reshape(-1)[list(order)].reshape(1, 1, 2, 2)


@check(points=1, max_examples=10)
@given(x_order=st.permutations(range(4)), y_order=st.permutations(range(4)), sign=st.sampled_from([1.0, -1.0]))
@example(x_order=[0, 1, 2, 3], y_order=[0, 1, 2, 3], sign=1.0)
def worked_example_gives_eight_and_a_half(student, x_order, y_order, sign):
    """The statement's worked example: 10 * (0.75 + 0.1) = 8.5, and 10 * 0.75 = 7.5 for its forward half alone
    (its pixels drawn in another order, the x domain negated: the absolute errors, so the loss, stay the same)"""
    x, x_cycled = _rearranged(EXAMPLE_X, x_order, sign), _rearranged(EXAMPLE_X_CYCLED, x_order, sign)
    y, y_cycled = _rearranged(EXAMPLE_Y, y_order, 1.0), _rearranged(EXAMPLE_Y_CYCLED, y_order, 1.0)
    shown = f"x = {x.tolist()}, x_cycled = {x_cycled.tolist()}, y = {y.tolist()}, y_cycled = {y_cycled.tolist()}"
    value = student.cycle_consistency_loss(tensor(x), tensor(x_cycled), tensor(y), tensor(y_cycled))
    value = expect_tensor(value, f"cycle_consistency_loss({shown})", shape=())
    expect_close(value, EXAMPLE_LOSS, f"cycle_consistency_loss({shown})", rtol=1e-5)
    # the anchor: 8.5 written down as a constant passes the line above; the forward half alone is 10 * 0.75
    half = student.cycle_consistency_loss(tensor(x), tensor(x_cycled), tensor(y), tensor(y))
    half = expect_tensor(half, f"cycle_consistency_loss({shown}) with y_cycled = y", shape=())
    expect_close(half, 10.0 * 0.75, f"cycle_consistency_loss({shown}) with y_cycled = y", rtol=1e-5)


@check(points=1)
@given(images=cycles_with_errors(), lam=positive_factors())
@example(images=ORDINARY_ERRORS, lam=2.5)
def loss_is_linear_in_lambda(student, images, lam):
    """loss(lam=λ) = λ * loss(lam=1), the default is λ = 10; at λ = 1 only missed round trips cost something"""
    expect_depends_on_the_errors(student, images, "cycle_consistency_loss(..., lam=1.0)")
    unit = loss(student, *images, "cycle_consistency_loss(..., lam=1.0)", lam=1.0)
    weighted = loss(student, *images, f"cycle_consistency_loss(..., lam={lam!r})", lam=lam)
    default = loss(student, *images, "cycle_consistency_loss(...) with the default lam")
    expect_close(weighted, lam * unit, f"cycle_consistency_loss(..., lam={lam!r})", **LOSS_TOLERANCE)
    expect_close(default, 10.0 * unit, "cycle_consistency_loss(...) with the default lam", **LOSS_TOLERANCE)


@check(points=1)
@given(images=cycles_with_errors())
@example(images=ORDINARY_ERRORS)
def both_directions_count(student, images):
    """An error in either cycle alone makes the loss positive, and the two directions add up"""
    x, x_cycled, y, y_cycled = images
    forward = loss(student, x, x_cycled, y, y, "cycle_consistency_loss(x, x_cycled, y, y)")
    backward = loss(student, x, x, y, y_cycled, "cycle_consistency_loss(x, x, y, y_cycled)")
    both = loss(student, x, x_cycled, y, y_cycled, "cycle_consistency_loss(x, x_cycled, y, y_cycled)")
    expect_true(forward > 0, f"an error only in F(G(x)) gives loss {forward!r}, not a positive one")
    expect_true(backward > 0, f"an error only in G(F(y)) gives loss {backward!r}, not a positive one")
    expect_close(both, forward + backward, "the loss with both errors vs the sum of each alone", **LOSS_TOLERANCE)


@check(points=1)
@given(images=cycles_with_errors(), scale=positive_factors())
@example(images=ORDINARY_ERRORS, scale=3.0)
def loss_grows_linearly_with_the_error(student, images, scale):
    """Scaling every cycle error by c scales the (non-zero) loss by c: L1, not squared error"""
    x, x_cycled, y, y_cycled = images
    base = loss(student, x, x_cycled, y, y_cycled, "cycle_consistency_loss(x, x_cycled, y, y_cycled)")
    expect_costs_something(base, "cycle_consistency_loss(x, x_cycled, y, y_cycled)")
    scaled = loss(student, x, x + scale * (x_cycled - x), y, y + scale * (y_cycled - y),
                  f"the loss with every error scaled by {scale!r}")
    expect_close(scaled, scale * base, f"the loss with every error scaled by {scale!r}", **LOSS_TOLERANCE)


@check(points=1)
@given(images=cycles_with_errors())
@example(images=ORDINARY_ERRORS)
def lambda_zero_switches_the_loss_off(student, images):
    """Edge: lam = 0 gives 0 whatever the errors (0 is a weight, not a missing one); at lam = 1 the errors count"""
    off = loss(student, *images, "cycle_consistency_loss(..., lam=0.0)", lam=0.0)
    expect_close(off, 0.0, "cycle_consistency_loss(..., lam=0.0)", atol=1e-12)
    expect_depends_on_the_errors(student, images, "cycle_consistency_loss(..., lam=1.0)")
