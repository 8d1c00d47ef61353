"""Public checks: values the theory fixes, stability at huge logits, the assignment's LS factors, gradients.

Every check compares values (or gradients) with what the theory fixes, so a loss answering a constant,
zeros or NaN earns nothing; the scalar-tensor shape is a precondition worth no points.
"""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.grading.api import CheckFailed, StudentRaised, check, expect_close, expect_tensor, expect_true, tensor

BCE_LOSSES = ("discriminator_bce_loss", "generator_saturating_loss", "generator_nonsaturating_loss")
CONFIDENT_REJECTION = -10.0  # a fake logit where D(G(z)) = sigmoid(-10) = 4.5e-5

# Each worked check also asks a drawn batch (size, and values of the same kind as the worked ones), its answer
# computed here from the statement's formula: a table of the batches written below earns nothing.
ODDS = st.lists(st.sampled_from([-2.0, -1.0, 1.0, 2.0]), min_size=2, max_size=6)  # logit ln k / ln(1/k): D = k/(k+1)
HUGE = st.lists(st.sampled_from([-100.0, -95.0, -90.0, 90.0, 95.0, 100.0]), min_size=2, max_size=6)  # |logit| <= 100
RAW = st.lists(st.integers(-15, 25).map(lambda v: v / 10), min_size=2, max_size=6)  # D's raw outputs, [-1.5, 2.5]
REJECTIONS = st.lists(st.integers(-12, -8).map(float), min_size=2, max_size=6)  # D(G(z)) <= sigmoid(-8) = 3.4e-4


def minus_log_d(logits) -> np.ndarray:
    """-log sigmoid(logit) per logit, stably: log(1 + e^-logit)."""
    return np.logaddexp(0.0, -np.asarray(logits, dtype=np.float64))


def bce_values(real, fake) -> dict[str, float]:
    """The three BCE losses of the statement on these logits (float64): D's, the saturating, the non-saturating."""
    return {"discriminator_bce_loss": float(minus_log_d(real).mean() + minus_log_d(-np.asarray(fake)).mean()),
            "generator_saturating_loss": float(-minus_log_d(-np.asarray(fake)).mean()),
            "generator_nonsaturating_loss": float(minus_log_d(fake).mean())}


def expect_bce_values(student, real, fake, **tolerance) -> None:
    """The three BCE losses on the logit batches ``real`` and ``fake``, against ``bce_values``."""
    real, fake = np.asarray(real, dtype=np.float32), np.asarray(fake, dtype=np.float32)
    for name, expected in bce_values(real, fake).items():
        batches = (real, fake) if name == "discriminator_bce_loss" else (fake,)
        what = f"{name}({', '.join(np.array2string(b, separator=', ') for b in batches)})"
        value = loss(student, name, *batches, what=what)
        expect_true(math.isfinite(value), f"{what} = {value}: not finite",
                    detail="log(sigmoid(x)) underflows to log(0); F.logsigmoid does not")
        expect_close(value, expected, what, **tolerance)


def loss(student, name: str, *batches, what: str = "") -> float:
    """The student's loss ``name`` on float32 batches, checked to be a scalar float tensor."""
    arrays = [np.asarray(b, dtype=np.float32) for b in batches]
    what = what or f"{name}({', '.join(np.array2string(a, separator=', ') for a in arrays)})"
    value = getattr(student, name)(*(tensor(a) for a in arrays))
    return float(expect_tensor(value, what, shape=()).array)


def fake_logit_gradient(student, name: str, fake_logits: np.ndarray) -> np.ndarray:
    """d loss / d fake_logits for the generator loss ``name``."""
    value, (grad,) = student.vjp(name, tensor(fake_logits, requires_grad=True), wrt=(0,),
                                 cotangent=tensor(np.float32(1.0)))
    expect_tensor(value, f"{name}(fake_logits)", shape=())
    if grad is None:
        raise CheckFailed(f"no gradient of {name} reached fake_logits: is it detached, or computed outside torch?")
    return expect_tensor(grad, f"the gradient of {name}", shape=fake_logits.shape).array.astype(np.float64)


@check(points=0, precondition=True)
def every_loss_is_a_scalar_tensor(student):
    """Each of the five losses returns a 0-dimensional float tensor (a batch mean, not per-sample losses)"""
    batch = np.array([0.3, -1.2, 2.0, 0.7], dtype=np.float32)
    for name, batches in (("discriminator_bce_loss", (batch, batch[::-1])), ("generator_saturating_loss", (batch,)),
                          ("generator_nonsaturating_loss", (batch,)), ("discriminator_ls_loss", (batch, batch[::-1])),
                          ("generator_ls_loss", (batch,))):
        try:
            loss(student, name, *batches)
        except StudentRaised:
            continue  # not written yet, or wrong: that loss's own checks say so; this one is about types


@check(points=1, max_examples=10)
@given(real=ODDS, fake=ODDS, odds=st.integers(2, 9))
def bce_losses_at_zero_logits_are_log_two(student, real, fake, odds):
    """At logit 0, D = 1/2: discriminator loss 2 ln 2, saturating -ln 2, non-saturating ln 2; at logit ln 3, D = 3/4"""
    zeros = np.zeros(4)
    ln2 = math.log(2)
    expect_close(loss(student, "discriminator_bce_loss", zeros, zeros), 2 * ln2,
                 "discriminator_bce_loss(zeros, zeros)", rtol=1e-6)
    expect_close(loss(student, "generator_saturating_loss", zeros), -ln2,
                 "generator_saturating_loss(zeros)", rtol=1e-6)
    expect_close(loss(student, "generator_nonsaturating_loss", zeros), ln2,
                 "generator_nonsaturating_loss(zeros)", rtol=1e-6)
    # the anchor: the three numbers above written down as constants pass them; at logit ln 3, D = 3/4
    ln3 = np.full(4, math.log(3))
    expect_close(loss(student, "discriminator_bce_loss", ln3, ln3), -math.log(3 / 4) - math.log(1 / 4),
                 "discriminator_bce_loss(full(4, ln 3), full(4, ln 3))", rtol=1e-6)
    expect_close(loss(student, "generator_saturating_loss", ln3), math.log(1 / 4),
                 "generator_saturating_loss(full(4, ln 3))", rtol=1e-6)
    expect_close(loss(student, "generator_nonsaturating_loss", ln3), -math.log(3 / 4),
                 "generator_nonsaturating_loss(full(4, ln 3))", rtol=1e-6)
    # and batches of logits ±ln k, ±2 ln k (D = k/(k+1), 1/(k+1), ...) for a drawn k
    ln_k = math.log(odds)
    expect_bce_values(student, np.array(real) * ln_k, np.array(fake) * ln_k, rtol=1e-5, atol=1e-6)


@check(points=2, max_examples=10)
@given(real=HUGE, fake=HUGE)
def bce_losses_are_finite_and_right_at_logit_100(student, real, fake):
    """At |logit| = 100 the BCE losses are finite and right: logs of sigmoids computed stably"""
    high, low = np.full(3, 100.0), np.full(3, -100.0)
    cases = [  # (loss, its batches, its value: -log sigmoid(-100) = 100, -log sigmoid(100) = e^-100 ~ 0)
        ("discriminator_bce_loss", (low, high), 200.0),  # D confidently wrong on both batches
        ("discriminator_bce_loss", (high, low), 0.0),  # D confidently right on both batches
        ("generator_saturating_loss", (high,), -100.0),
        ("generator_saturating_loss", (low,), 0.0),
        ("generator_nonsaturating_loss", (low,), 100.0),
        ("generator_nonsaturating_loss", (high,), 0.0),
    ]
    for name, batches, expected in cases:
        what = f"{name}({', '.join(f'full(3, {b[0]:g})' for b in batches)})"
        value = loss(student, name, *batches, what=what)
        expect_true(math.isfinite(value), f"{what} = {value}: not finite",
                    detail="log(sigmoid(x)) underflows to log(0); F.logsigmoid does not")
        expect_close(value, expected, what, rtol=1e-6, atol=1e-6)
    expect_bce_values(student, real, fake, rtol=1e-6, atol=1e-6)  # batches mixing logits of ±90 to ±100


@check(points=1, max_examples=10)
@given(drawn_real=RAW, drawn_fake=RAW)
def ls_discriminator_loss_halves_each_mean(student, drawn_real, drawn_fake):
    """J_D = 1/(2m) sum (D(x) - 1)^2 + 1/(2m) sum D(G(z))^2 on D's raw outputs, as in the assignment"""
    cases = [([1.0, 1.0], [0.0, 0.0], 0.0),  # a perfect discriminator
             ([0.0, 0.0, 0.0], [1.0, 1.0, 1.0], 1.0),  # wrong on everything: 1/2 + 1/2
             ([0.5] * 4, [0.5] * 4, 0.25),
             ([0.2, 0.6, 1.4], [0.1, -0.3, 0.5], 0.5 * 0.96 / 3 + 0.5 * 0.35 / 3)]  # raw outputs outside [0, 1] too
    drawn = 0.5 * ((np.array(drawn_real) - 1) ** 2).mean() + 0.5 * (np.array(drawn_fake) ** 2).mean()
    for d_real, d_fake, expected in [*cases, (drawn_real, drawn_fake, float(drawn))]:
        value = loss(student, "discriminator_ls_loss", d_real, d_fake)
        expect_close(value, expected, f"discriminator_ls_loss({d_real}, {d_fake})", rtol=1e-6, atol=1e-7)


@check(points=1, max_examples=10)
@given(drawn=RAW)
def ls_generator_loss_is_the_mean_squared_gap_to_one(student, drawn):
    """J_G = 1/m sum (D(G(z)) - 1)^2 on D's raw outputs, as in the assignment"""
    cases = [([0.0, 0.0], 1.0), ([1.0, 1.0], 0.0), ([0.5] * 4, 0.25), ([0.2, 1.4, -1.0], 4.8 / 3)]
    for d_fake, expected in [*cases, (drawn, float(((np.array(drawn) - 1) ** 2).mean()))]:
        value = loss(student, "generator_ls_loss", d_fake)
        expect_close(value, expected, f"generator_ls_loss({d_fake})", rtol=1e-6, atol=1e-7)


@check(points=2, max_examples=10)
@given(drawn=REJECTIONS)
def saturating_gradient_vanishes_where_nonsaturating_does_not(student, drawn):
    """When D confidently rejects fakes, the saturating gradient vanishes and the non-saturating one does not"""
    for fake_logits in (np.full(4, CONFIDENT_REJECTION, dtype=np.float32), np.array(drawn, dtype=np.float32)):
        m = fake_logits.size
        shown = np.array2string(fake_logits, separator=", ")
        saturating = fake_logit_gradient(student, "generator_saturating_loss", fake_logits) * m
        nonsaturating = fake_logit_gradient(student, "generator_nonsaturating_loss", fake_logits) * m
        # per logit, m * gradient: -sigmoid(logit), about -4.5e-5 at -10 (saturating) and -(1 - sigmoid(logit)),
        # about -1 (non-saturating); and each is the derivative of its own loss: they differ from logit to logit
        sigmoid = 1 / (1 + np.exp(-fake_logits.astype(np.float64)))
        expect_true(bool(np.all((saturating < 0) & (saturating > -1e-3))),
                    f"m * d(generator_saturating_loss)/d(fake logit) at logits {shown} is {saturating}: "
                    f"it should be negative and vanish (about -4.5e-5 at logit -10)")
        expect_close(saturating, -sigmoid, f"m * d(generator_saturating_loss)/d(fake logits) at {shown}",
                     rtol=1e-3, atol=1e-9)
        expect_true(bool(np.all((nonsaturating < -0.99) & (nonsaturating > -1.01))),
                    f"m * d(generator_nonsaturating_loss)/d(fake logit) at logits {shown} is {nonsaturating}: "
                    f"it should stay near -1")
