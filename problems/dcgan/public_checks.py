"""Public checks: shapes, the DCGAN architecture laws read from a traced forward pass, the LS losses' worked values."""

import numpy as np

from gradekit.grading.api import CheckFailed, check, expect_tensor, expect_true, tensor
from gradekit.grading.gan_loss_checks import WorkedValue, worked_values_check
from gradekit.grading.op_traces import UPSAMPLING, blocks, expect_returned_by_last_layer, layer_ops

SIZES = ((100, 8), (16, 4))  # (noise_dim, conv_dim): the grader's sizes, and small ones


def generator_trace(student, noise_dim: int, conv_dim: int, batch: int = 4):
    """What an untrained generator returns for a batch of z, and the layer operations it ran.

    Anchored (decision 1): the images must be what the traced layers computed.
    """
    z = np.random.default_rng(noise_dim).standard_normal((batch, noise_dim)).astype(np.float32)
    what = f"Generator(noise_dim={noise_dim}, conv_dim={conv_dim})"
    trace = student.harness("harness:generator_trace", noise_dim, conv_dim, 0, tensor(z))
    images = expect_tensor(trace["images"], f"{what}(z of shape ({batch}, {noise_dim}))")
    expect_returned_by_last_layer(trace["ops"], images.array, what)
    return what, images, layer_ops(trace["ops"], what)


@check(points=2)
def generator_maps_noise_to_32x32_colour_images_in_tanh_range(student):
    """Generator(noise_dim, conv_dim) maps z (B, noise_dim) to images (B, 3, 32, 32) with values in [-1, 1]"""
    for noise_dim, conv_dim in SIZES:
        what, images, _ = generator_trace(student, noise_dim, conv_dim)
        images = expect_tensor(images, f"{what}(z of shape (4, {noise_dim}))", shape=(4, 3, 32, 32)).array
        expect_true(bool(np.all(np.abs(images) <= 1)),
                    f"{what}(z) has values outside [-1, 1] (from {images.min():.4g} to {images.max():.4g})")


@check(points=2)
def generator_upsamples_with_transposed_convolutions(student):
    """Transposed convolutions do the upsampling: the last three give sides 8, 16, 32, each doubling the last"""
    for noise_dim, conv_dim in SIZES:
        what, _, layers = generator_trace(student, noise_dim, conv_dim)
        sides = [shape[-1] for name, shape in layers if name == "conv_transpose2d"]
        others = sorted({name for name, _ in layers if name in UPSAMPLING})
        expect_true(not others, f"{what} upsamples with {', '.join(others)}: use transposed convolutions")
        doubling = all(later == 2 * earlier for earlier, later in zip(sides, sides[1:], strict=False))
        expect_true(len(sides) >= 3 and sides[-3:] == [8, 16, 32] and doubling,
                    f"the transposed convolutions of {what} give images of sides {sides}",
                    "expected each to double the side, the last three giving 8, 16, 32")


@check(points=2)
def batchnorm_and_relu_follow_every_hidden_layer_of_the_generator(student):
    """In the generator every layer but the output one is followed by BatchNorm, then ReLU"""
    what, _, layers = generator_trace(student, *SIZES[0])
    grouped = blocks(layers)
    if len(grouped) < 2:
        raise CheckFailed(f"{what} runs {len(grouped)} convolution or linear layer(s); expected at least 2")
    for index, (name, after) in enumerate(grouped[:-1]):
        expect_true(after == ["batch_norm", "relu"],
                    f"hidden layer {index + 1} of {what} ({name}) is followed by {after or 'nothing'}",
                    "expected ['batch_norm', 'relu']")


@check(points=2)
def generator_output_layer_ends_in_tanh_alone(student):
    """The generator's output layer is followed by tanh alone: no BatchNorm on the output"""
    what, _, layers = generator_trace(student, *SIZES[0])
    grouped = blocks(layers)
    if not grouped:
        raise CheckFailed(f"{what} runs no convolution or linear layer")
    expect_true(grouped[-1][1] == ["tanh"], f"the output layer of {what} is followed by {grouped[-1][1] or 'nothing'}",
                "expected ['tanh'] alone")


@check(points=2)
def discriminator_is_convolutional_and_gives_one_raw_score_per_image(student):
    """Discriminator(conv_dim) maps (B, 3, 32, 32) to raw scores (B, 1) with strided convolutions, no sigmoid"""
    x = np.random.default_rng(2).uniform(-1, 1, (4, 3, 32, 32)).astype(np.float32)
    what = "Discriminator(conv_dim=8)"
    trace = student.harness("harness:discriminator_trace", 8, 0, tensor(x))
    scores = expect_tensor(trace["scores"], f"{what}(x of shape (4, 3, 32, 32))", shape=(4, 1))
    expect_returned_by_last_layer(trace["ops"], scores.array, what)  # anchored: those layers made the scores
    layers = layer_ops(trace["ops"], what)
    sides = [shape[-1] for name, shape in layers if name == "conv2d"]
    expect_true(len(sides) >= 3 and min(sides) <= 4,
                f"the convolutions of {what} give feature maps of sides {sides}",
                "expected at least three convolutions bringing the side from 32 down to 4 or less")
    grouped = blocks(layers)
    expect_true(grouped[-1][1] == [], f"the last layer of {what} is followed by {grouped[-1][1]}: the least-squares "
                                      "losses take the discriminator's raw scores, with no activation")


least_squares_losses_have_the_worked_values = worked_values_check(
    [WorkedValue("discriminator_loss", ([[0.0], [2.0]], [[1.0], [-1.0]]), 1.0),
     WorkedValue("discriminator_loss", ([[1.0], [1.0], [1.0]], [[0.0], [0.0]]), 0.0),
     WorkedValue("generator_loss", ([[1.0], [-1.0]],), 2.0),
     WorkedValue("generator_loss", ([[1.0], [1.0], [1.0]],), 0.0)],
    points=2, name="least_squares_losses_have_the_worked_values",
    description="J_D(d_real=[[0], [2]], d_fake=[[1], [-1]]) = 1.0, J_G(d_fake=[[1], [-1]]) = 2.0, and both are 0 at "
                "the targets")
