"""Public checks: the real data, the two networks' layers, and the losses' worked values."""

import math

import numpy as np

from gradekit.grading.api import check, expect_array, expect_close, expect_equal, expect_tensor, expect_true, tensor
from gradekit.grading.gan_loss_checks import WorkedValue, worked_values_check
from gradekit.grading.op_traces import expect_returned_by_last_layer, layer_widths

SAMPLES = 5000
HIDDEN = (12, 7)  # widths unlike the defaults, so that fixed widths show
KS_LIMIT = 1.95 / math.sqrt(SAMPLES)  # Kolmogorov-Smirnov at level 0.001: a uniform x fails it once in 1000 seeds
REACH = 0.95  # 5000 uniform x all above -0.95 (or all below 0.95): probability 0.975^5000, about 1e-55


@check(points=1)
def real_points_lie_on_the_curve(student):
    """sample_data(n, rng) gives (n, 2) points (x, x^2) with x in [-1, 1], reaching both ends of the range"""
    what = f"sample_data({SAMPLES}, np.random.default_rng(0))"
    points = expect_array(student.harness("harness:sample_data", SAMPLES, 0), what, shape=(SAMPLES, 2))
    x, y = points[:, 0].astype(np.float64), points[:, 1].astype(np.float64)
    expect_true(bool(np.all((x >= -1) & (x <= 1))),
                f"{what} has x outside [-1, 1]: from {x.min():.4g} to {x.max():.4g}")
    # anchored (decision 1): points piled on one spot of the curve lie on it too
    expect_true(x.min() <= -REACH and x.max() >= REACH,
                f"the x of {what} run from {x.min():.4g} to {x.max():.4g}: {SAMPLES} points should reach close "
                f"to both ends of [-1, 1]")
    expect_close(y, x ** 2, f"the second column of {what} (x^2 of the first)", rtol=1e-6, atol=1e-6)


@check(points=1)
def real_x_is_uniform_and_drawn_from_the_rng(student):
    """x is uniform on [-1, 1] (Kolmogorov-Smirnov), the same for the same seed and different for another"""
    what = f"sample_data({SAMPLES}, np.random.default_rng(0))"
    first = expect_array(student.harness("harness:sample_data", SAMPLES, 0), what, shape=(SAMPLES, 2))
    x = np.sort(first[:, 0].astype(np.float64))
    cdf = np.clip((x + 1) / 2, 0, 1)  # U[-1, 1]
    ranks = np.arange(1, SAMPLES + 1) / SAMPLES
    statistic = max(np.max(ranks - cdf), np.max(cdf - (ranks - 1 / SAMPLES)))
    expect_true(statistic <= KS_LIMIT, f"the x of {what} are not uniform on [-1, 1]: the Kolmogorov-Smirnov "
                                       f"statistic is {statistic:.4f}, above {KS_LIMIT:.4f}")
    again = expect_array(student.harness("harness:sample_data", SAMPLES, 0), what, shape=(SAMPLES, 2))
    expect_close(again, first, f"{what} called twice", rtol=0, atol=0)
    other = expect_array(student.harness("harness:sample_data", SAMPLES, 1), "sample_data with seed 1",
                         shape=(SAMPLES, 2))
    expect_true(not np.array_equal(other, first), "sample_data gives the same points for seeds 0 and 1: "
                                                  "draw them from the rng it is given")


@check(points=2)
def generator_has_two_hidden_layers(student):
    """Generator(noise_dim, hidden) maps (B, noise_dim) to (B, 2) points through two hidden layers of those widths"""
    for noise_dim, hidden in ((3, HIDDEN), (2, (16, 16))):
        z = np.random.default_rng(noise_dim).uniform(-1, 1, (5, noise_dim)).astype(np.float32)
        what = f"Generator(noise_dim={noise_dim}, hidden={hidden})"
        trace = student.harness("harness:generator_trace", noise_dim, list(hidden), 0, tensor(z))
        output = expect_tensor(trace["output"], f"{what}(z of shape (5, {noise_dim}))", shape=(5, 2))
        expect_returned_by_last_layer(trace["ops"], output.array, what)  # anchored: those layers made the points
        widths = layer_widths(trace["ops"], what)
        expect_equal(widths, [*hidden, 2], f"the nn.Linear output widths of {what}, in the order they ran")


@check(points=3)
def discriminator_has_three_hidden_layers_the_third_of_width_two(student):
    """Discriminator(hidden) maps (B, 2) to logits (B, 1) through hidden layers of widths hidden[0], hidden[1], 2"""
    x = np.random.default_rng(0).uniform(-1, 1, (5, 2)).astype(np.float32)
    what = f"Discriminator(hidden={HIDDEN})"
    trace = student.harness("harness:discriminator_trace", list(HIDDEN), 0, tensor(x))
    logits = expect_tensor(trace["logits"], f"{what}(x of shape (5, 2))", shape=(5, 1))
    expect_returned_by_last_layer(trace["ops"], logits.array, what)  # anchored: those layers made the logits
    widths = layer_widths(trace["ops"], what)
    expect_equal(widths, [*HIDDEN, 2, 1], f"the nn.Linear output widths of {what}, in the order they ran")
    features = expect_tensor(trace["features"], f"{what}.features(x of shape (5, 2))", shape=(5, 2))
    expect_returned_by_last_layer(trace["feature_ops"], features.array, f"{what}.features")


@check(points=1)
def discriminator_logits_are_affine_in_its_2d_features(student):
    """features(x) is the last hidden layer: the logits vary with x and are w . features(x) + b"""
    x = np.random.default_rng(1).uniform(-1.5, 1.5, (64, 2)).astype(np.float32)
    trace = student.harness("harness:discriminator_trace", list(HIDDEN), 1, tensor(x))
    logits = expect_tensor(trace["logits"], "Discriminator(x)", shape=(64, 1)).array.astype(np.float64)
    features = expect_tensor(trace["features"], "Discriminator.features(x)", shape=(64, 2)).array.astype(np.float64)
    # anchored (decision 1): constant logits are affine in anything
    expect_true(bool(np.ptp(logits) > 1e-6), "Discriminator(x) gives the same logit for 64 different points")
    design = np.concatenate([features, np.ones((64, 1))], axis=1)  # (64, 3): w1, w2, b
    fitted = design @ np.linalg.lstsq(design, logits, rcond=None)[0]
    residual = float(np.abs(fitted - logits).max())
    expect_true(residual <= 1e-4 * (1 + np.abs(logits).max()),
                f"no affine map of features(x) gives Discriminator(x) (largest misfit {residual:.3g}): features "
                "should return the third hidden layer, the one the output layer reads")


losses_at_zero_logits_are_the_equilibrium_values = worked_values_check(
    [WorkedValue("discriminator_loss", (np.zeros((4, 1)), np.zeros((3, 1))), 2 * math.log(2),
                 "discriminator_loss(zeros (4, 1), zeros (3, 1))"),
     WorkedValue("generator_loss", (np.zeros((3, 1)),), math.log(2), "generator_loss(zeros (3, 1))"),
     # anchored (decision 1): the equilibrium values written down as constants must not pass
     WorkedValue("discriminator_loss", (np.full((2, 1), math.log(3)), np.full((3, 1), math.log(3))),
                 math.log(16 / 3), "discriminator_loss(logits ln 3 (2, 1), logits ln 3 (3, 1))"),
     WorkedValue("generator_loss", (np.full((3, 1), math.log(3)),), math.log(4 / 3), "generator_loss(logits ln 3)")],
    points=2, name="losses_at_zero_logits_are_the_equilibrium_values",
    description="With every logit 0 (D(x) = 1/2): discriminator_loss = 2 ln 2 = 1.386 and generator_loss = ln 2 = "
                "0.693; with every logit ln 3 (D = 3/4): ln(16/3) = 1.674 and ln(4/3) = 0.288")

losses_stay_finite_for_confident_logits = worked_values_check(
    [WorkedValue("discriminator_loss", (np.full((2, 1), 100.0), np.full((2, 1), -100.0)), 0.0,
                 "discriminator_loss(real logits 100, fake logits -100)"),
     WorkedValue("generator_loss", (np.full((2, 1), -100.0),), 100.0, "generator_loss(fake logits -100)"),
     # anchored (decision 1): the confident answers written down as constants must not pass
     WorkedValue("discriminator_loss", (np.full((2, 1), -100.0), np.full((2, 1), 100.0)), 200.0,
                 "discriminator_loss(real logits -100, fake logits 100)"),
     WorkedValue("generator_loss", (np.full((2, 1), 100.0),), 0.0, "generator_loss(fake logits 100)")],
    points=1, name="losses_stay_finite_for_confident_logits", atol=1e-5,
    description="Logits of +-100 give finite losses: discriminator_loss(100, -100) = 0 and (-100, 100) = 200, "
                "generator_loss(-100) = 100 and (100) = 0")
