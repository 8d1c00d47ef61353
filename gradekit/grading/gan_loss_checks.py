"""GAN-loss checks shared by the GAN problems (toy-gan, dcgan, cgan), parametrised per problem.

Every GAN problem asks for a discriminator loss J_D(real scores, fake scores)
and a generator loss J_G(fake scores), scalar tensors. Two checks cover them:

- ``losses_match_the_reference``: both losses equal the reference's on scores
  drawn at random (two batches of different sizes, scores of any sign and of
  the scales the problem names), a hidden check;
- ``worked_values``: the statement's worked values, a public check (it needs no
  reference, so the student kit can ship it).

A problem describes its losses once with ``GanLosses`` and makes its checks:

    LOSSES = GanLosses(reference_d_loss, reference_g_loss, scores="logits", scales=(1.0, 5.0, 40.0))
    losses_match_the_reference = losses_match_the_reference_check(LOSSES, points=3, example=...)

Nothing here imports a reference: the problem passes it in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.grading.checks import check
from gradekit.grading.expect import expect_close, expect_real, expect_tensor
from gradekit.grading.student import tensor

Pair = tuple[np.ndarray, np.ndarray]  # (real scores (B_r, 1), fake scores (B_f, 1)), float32
RTOL, ATOL = 1e-4, 1e-5  # float32 losses summed in another order agree to about 1e-6


@dataclass(frozen=True)
class GanLosses:
    """A problem's two GAN losses: the reference's, their names in the contract, and the scores they take."""

    discriminator: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]  # reference J_D(real, fake)
    generator: Callable[[torch.Tensor], torch.Tensor]  # reference J_G(fake)
    scores: str = "logits"  # what the discriminator returns, in messages: "logits", "raw scores"
    scales: tuple[float, ...] = (1.0, 5.0, 40.0)  # standard deviations of the drawn scores (40 saturates a sigmoid)
    discriminator_name: str = "discriminator_loss"
    generator_name: str = "generator_loss"


def score_pairs(scales: Sequence[float]) -> st.SearchStrategy[Pair]:
    """Scores (B, 1) for a real and a fake batch of different sizes (2 to 8), any sign, one of ``scales``."""

    @st.composite
    def pairs(draw) -> Pair:
        batch_real, batch_fake = draw(st.integers(2, 8)), draw(st.integers(2, 8))
        scale = draw(st.sampled_from(list(scales)))
        rng = np.random.default_rng(draw(st.integers(0, 2**16)))
        return ((scale * rng.standard_normal((batch_real, 1))).astype(np.float32),
                (scale * rng.standard_normal((batch_fake, 1))).astype(np.float32))

    return pairs()


def loss_value(value: Any, what: str) -> float:
    """A loss the student returned: a scalar (0-d) float tensor, as a Python float."""
    return expect_real(expect_tensor(value, what, shape=()).array, what)


def losses_match_the_reference_check(losses: GanLosses, *, points: float, example_pair: Pair,
                                     name: str = "losses_match_the_reference",
                                     description: str | None = None) -> Callable:
    """A hidden property check: both student losses equal the reference's on drawn score pairs.

    ``example_pair`` is always tried (give it confident scores and unequal batches).
    """
    d_name, g_name = losses.discriminator_name, losses.generator_name

    def matches(student, pair: Pair) -> None:
        real, fake = pair
        what_d, what_g = f"{d_name}(real_{_stem(losses)}, fake_{_stem(losses)})", f"{g_name}(fake_{_stem(losses)})"
        d_loss = loss_value(student.call(d_name, tensor(real), tensor(fake)), what_d)
        g_loss = loss_value(student.call(g_name, tensor(fake)), what_g)
        expect_close(d_loss, float(losses.discriminator(torch.from_numpy(real), torch.from_numpy(fake))),
                     f"{what_d} for batches of {len(real)} and {len(fake)}", rtol=RTOL, atol=ATOL)
        expect_close(g_loss, float(losses.generator(torch.from_numpy(fake))), f"{what_g} for a batch of {len(fake)}",
                     rtol=RTOL, atol=ATOL)

    matches.__name__ = matches.__qualname__ = name
    matches.__doc__ = description or (f"Both losses match the reference on {losses.scores} of any sign and size, "
                                      "batches of real and fake of different sizes")
    return check(points=points, name=name)(example(pair=example_pair)(given(pair=score_pairs(losses.scales))(matches)))


@dataclass(frozen=True)
class WorkedValue:
    """One worked value of the statement: ``function(*arguments) == expected``."""

    function: str  # the contract's name, e.g. "generator_loss"
    arguments: tuple[Any, ...]  # nested lists or arrays, sent as float32 tensors
    expected: float
    label: str = ""  # how messages write the call; by default the function and its arguments

    def call_text(self) -> str:
        return self.label or f"{self.function}({', '.join(_short(a) for a in self.arguments)})"


def worked_values_check(cases: Sequence[WorkedValue], *, points: float, name: str, description: str,
                        rtol: float = 1e-5, atol: float = 1e-6) -> Callable:
    """A check that every worked value holds. Put a non-zero value among ``cases``: a loss that returns 0
    must not pass it (decision 1, laws are anchored)."""
    if all(case.expected == 0 for case in cases):
        raise ValueError(f"{name}: every worked value is 0, which a zero loss satisfies; add a non-zero one")

    def holds(student) -> None:
        for case in cases:
            what = case.call_text()
            arguments = [tensor(np.asarray(argument, np.float32)) for argument in case.arguments]
            expect_close(loss_value(student.call(case.function, *arguments), what), case.expected, what,
                         rtol=rtol, atol=atol)

    holds.__name__ = holds.__qualname__ = name
    holds.__doc__ = description
    return check(points=points, name=name)(holds)


def _stem(losses: GanLosses) -> str:
    return "logits" if losses.scores == "logits" else "scores"


def _short(argument: Any) -> str:
    array = np.asarray(argument)
    if array.size <= 4:
        return str(array.tolist())
    return f"array of shape {array.shape}"
