"""Hidden checks: agreement with the reference, values and gradients, on ordinary and degenerate batches."""

import numpy as np
import torch
from hypothesis import example, given

from gradekit.calc.cycle_loss import cycle_consistency_loss as reference
from gradekit.grading.api import check, expect_close, expect_tensor, expect_true, tensor

from .strategies import LOSS_TOLERANCE, ONE_PIXEL, ORDINARY_ERRORS, cycles, degenerate_shapes, positive_factors


def expect_reference_value(student, images, lam):
    value = student.cycle_consistency_loss(*(tensor(a, "float64") for a in images), lam=lam)
    value = expect_tensor(value, "cycle_consistency_loss(...)", shape=())
    expected = reference(*(torch.from_numpy(np.asarray(a)) for a in images), lam=lam)
    expect_close(value, expected.item(), "cycle_consistency_loss(...)", **LOSS_TOLERANCE)


@check(points=1)
@given(images=cycles(), lam=positive_factors())
@example(images=ORDINARY_ERRORS, lam=1.5)
def matches_reference(student, images, lam):
    """The loss matches the reference on batches of different shapes in the two domains"""
    expect_reference_value(student, images, lam)


@check(points=1)
@given(images=cycles(), lam=positive_factors())
@example(images=ORDINARY_ERRORS, lam=1.5)
def gradients_reach_the_cycled_images(student, images, lam):
    """Back-propagating the loss gives the reference's gradients for F(G(x)) and G(F(y))"""
    x, x_cycled, y, y_cycled = images
    arguments = (tensor(x, "float64"), tensor(x_cycled, "float64", requires_grad=True),
                 tensor(y, "float64"), tensor(y_cycled, "float64", requires_grad=True), lam)
    _, grads = student.vjp("cycle_consistency_loss", *arguments, wrt=(1, 3),
                           cotangent=tensor(np.array(1.0), "float64"))
    cycled = [torch.from_numpy(x_cycled).requires_grad_(), torch.from_numpy(y_cycled).requires_grad_()]
    reference(torch.from_numpy(x), cycled[0], torch.from_numpy(y), cycled[1], lam=lam).backward()
    for name, grad, want in zip(("x_cycled", "y_cycled"), grads, cycled):
        expect_true(grad is not None, f"no gradient reached {name}: is the loss computed with torch?")
        grad = expect_tensor(grad, f"the gradient of {name}", shape=tuple(want.shape))
        expect_close(grad, want.grad.numpy(), f"the gradient of {name}", **LOSS_TOLERANCE)


@check(points=1)
@given(images=cycles(shapes=degenerate_shapes()), lam=positive_factors())
@example(images=ONE_PIXEL, lam=10.0)
def matches_reference_on_single_pixels_and_single_images(student, images, lam):
    """Edge: a batch of one image, one channel, one row or a single pixel gives the reference's loss"""
    expect_reference_value(student, images, lam)
