"""The GAN problems' shared code: op tracing and the GAN training step (sandbox side), trace reading and
the GAN-loss checks (trusted side)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from gradekit.grading import harness_support as support
from gradekit.grading.checks import CheckFailed, collect_checks
from gradekit.grading.gan_loss_checks import (
    GanLosses,
    WorkedValue,
    losses_match_the_reference_check,
    worked_values_check,
)
from gradekit.grading.op_traces import blocks, expect_returned_by_last_layer, layer_ops, layer_widths
from gradekit.grading.wire import WireTensor


def small_generator():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(3, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2), nn.Tanh())


def test_a_trace_lists_each_operation_with_its_output_shape_and_sum():
    out, ops = support.traced(small_generator().eval(), torch.randn(5, 3))
    assert [name for name, _, _ in ops] == ["linear", "batch_norm", "relu", "linear", "tanh"]
    assert ops[0][1] == [5, 8] and ops[-1][1] == [5, 2]
    assert ops[-1][2] == pytest.approx(float(out.double().sum()))


def test_trace_reading_groups_layers_and_their_activations():
    _, ops = support.traced(small_generator(), torch.randn(5, 3))
    layers = layer_ops(ops, "G")
    assert blocks(layers) == [("linear", ["batch_norm", "relu"]), ("linear", ["tanh"])]
    assert layer_widths(ops, "G") == [8, 2]


def test_the_output_must_be_what_the_last_layer_computed():
    out, ops = support.traced(small_generator(), torch.randn(5, 3))
    expect_returned_by_last_layer(ops, out.numpy(), "G")
    expect_returned_by_last_layer(ops, out.numpy().reshape(2, 5), "G")  # a reshape is the same answer
    for stand_in in (np.zeros((5, 2)), np.ones((5, 2)), np.random.default_rng(0).standard_normal((5, 2))):
        with pytest.raises(CheckFailed, match="does not return what its last layer"):
            expect_returned_by_last_layer(ops, stand_in, "G")


def test_a_garbled_trace_fails_with_a_message():
    with pytest.raises(CheckFailed, match="not a list of"):
        layer_ops([["linear", [5, 8]]], "G")


def test_one_alternating_step_moves_each_network_by_its_own_loss():
    torch.manual_seed(0)
    generator, discriminator = nn.Linear(2, 2), nn.Linear(2, 1)
    before_g = [p.detach().clone() for p in generator.parameters()]
    before_d = [p.detach().clone() for p in discriminator.parameters()]
    losses = support.alternating_step(
        real=torch.randn(4, 2), fake=lambda: generator(torch.randn(4, 2)), judge=discriminator,
        discriminator_loss=lambda r, f: -(F.logsigmoid(r).mean() + F.logsigmoid(-f).mean()),
        generator_loss=lambda f: -F.logsigmoid(f).mean(),
        d_optimizer=torch.optim.SGD(discriminator.parameters(), lr=0.1),
        g_optimizer=torch.optim.SGD(generator.parameters(), lr=0.1))
    assert set(losses) == {"d", "g"} and not losses["d"].requires_grad
    assert all(not torch.equal(a, b) for a, b in zip(before_g, generator.parameters(), strict=True))
    assert all(not torch.equal(a, b) for a, b in zip(before_d, discriminator.parameters(), strict=True))


class LossStudent:
    """A stand-in for the sandboxed student: calls plain torch loss functions on the tensors a check sends."""

    def __init__(self, **functions):
        self.functions = functions

    def call(self, name, *args):
        value = self.functions[name](*(torch.as_tensor(a.array) for a in args))
        return WireTensor(value.detach().numpy(), "float32")


def bce_d(real, fake):
    return -(F.logsigmoid(real).mean() + F.logsigmoid(-fake).mean())


def bce_g(fake):
    return -F.logsigmoid(fake).mean()


LOSSES = GanLosses(bce_d, bce_g)
PAIR = (np.array([[40.0], [-3.0]], np.float32), np.array([[25.0], [-60.0], [0.5]], np.float32))


def as_spec(function):
    module = type("checks", (), {})
    module.check = function
    return collect_checks(module, "hidden", max_examples=10)[0]


def test_the_shared_loss_check_passes_the_reference_losses_and_fails_a_wrong_one():
    spec = as_spec(losses_match_the_reference_check(LOSSES, points=3, example_pair=PAIR))
    assert spec.name == "losses_match_the_reference" and spec.points == 3 and spec.is_property
    spec.function(LossStudent(discriminator_loss=bce_d, generator_loss=bce_g))
    halved = LossStudent(discriminator_loss=lambda r, f: bce_d(r, f) / 2, generator_loss=bce_g)
    with pytest.raises(CheckFailed):
        spec.function(halved)
    zero = LossStudent(discriminator_loss=lambda r, f: 0 * r.sum(), generator_loss=lambda f: 0 * f.sum())
    with pytest.raises(CheckFailed):
        spec.function(zero)


def test_worked_values_need_a_non_zero_value_so_that_a_zero_loss_fails():
    with pytest.raises(ValueError, match="zero loss"):
        worked_values_check([WorkedValue("generator_loss", ([[1.0]],), 0.0)], points=1, name="w", description="w")
    spec = as_spec(worked_values_check([WorkedValue("generator_loss", ([[0.0]],), float(np.log(2)))],
                                       points=1, name="w", description="J_G(0) = ln 2"))
    spec.function(LossStudent(generator_loss=bce_g))
    with pytest.raises(CheckFailed):
        spec.function(LossStudent(generator_loss=lambda f: 0 * f.sum()))
