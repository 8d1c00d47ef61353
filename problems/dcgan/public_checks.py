"""Public checks: shapes, the DCGAN architecture laws read from a traced forward pass, the LS losses' worked values."""

import numpy as np

from gradekit.grading.api import CheckFailed, check, expect_close, expect_real, expect_tensor, expect_true, tensor

from .strategies import UPSAMPLING, blocks, layer_ops

SIZES = ((100, 8), (16, 4))  # (noise_dim, conv_dim): the grader's sizes, and small ones


def generator_trace(student, noise_dim: int, conv_dim: int, batch: int = 4):
    """What an untrained generator returns for a batch of z, and the layer operations it ran."""
    z = np.random.default_rng(noise_dim).standard_normal((batch, noise_dim)).astype(np.float32)
    what = f"Generator(noise_dim={noise_dim}, conv_dim={conv_dim})"
    trace = student.harness("harness:generator_trace", noise_dim, conv_dim, 0, tensor(z))
    return what, trace["images"], layer_ops(trace["ops"], what)


def loss_value(value, what: str) -> float:
    return expect_real(expect_tensor(value, what, shape=()).array, what)


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
        doubling = all(later == 2 * earlier for earlier, later in zip(sides, sides[1:]))
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
    expect_tensor(trace["scores"], f"{what}(x of shape (4, 3, 32, 32))", shape=(4, 1))
    layers = layer_ops(trace["ops"], what)
    sides = [shape[-1] for name, shape in layers if name == "conv2d"]
    expect_true(len(sides) >= 3 and min(sides) <= 4,
                f"the convolutions of {what} give feature maps of sides {sides}",
                "expected at least three convolutions bringing the side from 32 down to 4 or less")
    grouped = blocks(layers)
    expect_true(grouped[-1][1] == [], f"the last layer of {what} is followed by {grouped[-1][1]}: the least-squares "
                                      "losses take the discriminator's raw scores, with no activation")


@check(points=2)
def least_squares_losses_have_the_worked_values(student):
    """J_D(d_real=[[0], [2]], d_fake=[[1], [-1]]) = 1.0, J_G(d_fake=[[1], [-1]]) = 2.0, and both are 0 at the targets"""
    cases = [("discriminator_loss", ([[0.0], [2.0]], [[1.0], [-1.0]]), 1.0),
             ("discriminator_loss", ([[1.0], [1.0], [1.0]], [[0.0], [0.0]]), 0.0),
             ("generator_loss", ([[1.0], [-1.0]],), 2.0),
             ("generator_loss", ([[1.0], [1.0], [1.0]],), 0.0)]
    for name, args, expected in cases:
        what = f"{name}({', '.join(str(a) for a in args)})"
        value = loss_value(student.call(name, *(tensor(np.array(a, np.float32)) for a in args)), what)
        expect_close(value, expected, what, rtol=1e-5, atol=1e-6)
