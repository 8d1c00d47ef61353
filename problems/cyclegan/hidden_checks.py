"""Hidden checks: the losses against the reference on generated inputs, and the trained CycleGAN's translations."""

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc.cyclegan import cycle_consistency_loss, discriminator_ls_loss, generator_ls_loss, identity_loss
from gradekit.grading.api import check, expect_close, expect_real, expect_tensor, tensor

from .metrics import PROBLEM, measure


@st.composite
def loss_inputs(draw):
    """Two domains' images and their cycles (or identities), of batches and sizes that differ; λ; and two
    discriminator score maps (patch maps or one score per image)."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    shape_x = (draw(st.integers(1, 4)), draw(st.sampled_from([1, 3])), 4, draw(st.sampled_from([2, 4])))
    shape_y = (draw(st.integers(1, 4)), shape_x[1], draw(st.sampled_from([2, 8])), 4)
    x, y = rng.uniform(-1, 1, shape_x), rng.uniform(-1, 1, shape_y)
    scale = draw(st.sampled_from([0.01, 0.3, 2.0]))
    lam = draw(st.sampled_from([1.0, 10.0, 2.5]))
    d_shape = draw(st.sampled_from([(2, 1, 2, 2), (5, 1), (3, 1, 4, 4)]))
    d_real, d_fake = rng.normal(0.5, 1.0, d_shape), rng.normal(0.0, 1.0, d_shape)
    return x, x + scale * rng.standard_normal(shape_x), y, y + scale * rng.standard_normal(shape_y), lam, d_real, d_fake


def fixed_loss_inputs(seed: int = 0):
    """One explicit example of ``loss_inputs``: every check holds it whatever hypothesis draws."""
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(-1, 1, (2, 3, 4, 4)), rng.uniform(-1, 1, (3, 3, 8, 4))
    return (x, x + 0.3 * rng.standard_normal(x.shape), y, y + 0.3 * rng.standard_normal(y.shape), 2.5,
            rng.normal(0.5, 1.0, (2, 1, 2, 2)), rng.normal(0.0, 1.0, (2, 1, 2, 2)))


def value_of(reply, what: str) -> float:
    return expect_real(expect_tensor(reply, what, shape=()).array, what)


@check(points=2)
@given(inputs=loss_inputs())
@example(inputs=fixed_loss_inputs())
def losses_match_the_reference(student, inputs):
    """The cycle, identity and least-squares losses match the reference on batches of other sizes and λ"""
    x, x_other, y, y_other, lam, d_real, d_fake = inputs
    as_tensor = torch.from_numpy
    pairs = {"cycle_consistency_loss": (student.cycle_consistency_loss, cycle_consistency_loss),
             "identity_loss": (student.identity_loss, identity_loss)}
    for name, (students, reference) in pairs.items():
        got = value_of(students(tensor(x), tensor(x_other), tensor(y), tensor(y_other), lam), name)
        want = float(reference(as_tensor(x).float(), as_tensor(x_other).float(), as_tensor(y).float(),
                               as_tensor(y_other).float(), lam))
        expect_close(got, want, f"{name} on batches of shapes {x.shape} and {y.shape}, lam = {lam:g}",
                     rtol=1e-4, atol=1e-5)
    got = value_of(student.discriminator_ls_loss(tensor(d_real), tensor(d_fake)), "discriminator_ls_loss")
    want = float(discriminator_ls_loss(as_tensor(d_real).float(), as_tensor(d_fake).float()))
    expect_close(got, want, f"discriminator_ls_loss on scores of shape {d_real.shape}", rtol=1e-4, atol=1e-5)
    got = value_of(student.generator_ls_loss(tensor(d_fake)), "generator_ls_loss")
    want = float(generator_ls_loss(as_tensor(d_fake).float()))
    expect_close(got, want, f"generator_ls_loss on scores of shape {d_fake.shape}", rtol=1e-4, atol=1e-5)


@check(points=4)
def cycles_give_back_held_out_digits(student):
    """After training, G_BA(G_AB(a)) ≈ a and G_AB(G_BA(b)) ≈ b on held-out digits, which the translations change"""
    metrics = measure(student)
    # anchored (decision 1): the identity gives every image back and translates nothing
    PROBLEM.threshold("translation_change").judge(
        metrics["translation_change"], "the smaller mean absolute change a translation makes to its source",
        after=f"(A → B {metrics['change_a_to_b']:.4f}, B → A {metrics['change_b_to_a']:.4f}, pixels in [0, 1])")
    directions = (f"{metrics['cycle_error_a']:.4f} for A → B → A and {metrics['cycle_error_b']:.4f} for B → A → B, "
                  "pixels in [0, 1]")
    return PROBLEM.threshold("cycle_error").judge(
        metrics["cycle_error"], "the worse mean absolute cycle error on held-out digits",
        after=f"({directions}) after {metrics['steps']} training steps")


@check(points=6)
def translations_keep_the_digit_in_the_other_colour(student):
    """After training, a digit classifier reads the source's digit in the target colour of both translations"""
    metrics = measure(student)
    directions = (f"{metrics['accuracy_a_to_b']:.1%} of white digits translated to red, "
                  f"{metrics['accuracy_b_to_a']:.1%} of red ones to white")
    return PROBLEM.threshold("translation_accuracy").judge(
        metrics["translation_accuracy"], "the worse share of held-out digits read right in the target colour",
        after=f"({directions}) after {metrics['steps']} training steps")
