"""Public checks: shapes, that both networks read the label, and the per-label sample grid's layout."""

import numpy as np

from gradekit.grading.api import CheckFailed, check, expect_close, expect_tensor, expect_true, tensor

BATCH = 6
LABELS = np.array([0, 3, 7, 9, 1, 5])


def noise(noise_dim: int, seed: int = 0, scale: float = 1.0) -> np.ndarray:
    return (scale * np.random.default_rng(seed).standard_normal((BATCH, noise_dim))).astype(np.float32)


def expect_made_by_the_weights(reply: dict, key: str, what: str, shape: tuple) -> list[np.ndarray]:
    """The outputs under each set of labels, anchored (decision 1): a model's answer is a function of its
    weights, the same when asked again and another for a model built from another seed. An answer made
    beside the layers (zeros, a constant, fresh noise of the right shape) is neither."""
    if not isinstance(reply, dict) or not isinstance(reply.get(key), list):
        raise CheckFailed(f"the harness could not query {what}")
    outputs = [expect_tensor(value, what, shape=shape).array for value in reply[key]]
    again = expect_tensor(reply["again"], what, shape=shape).array
    other = expect_tensor(reply["other_seed"], what, shape=shape).array
    expect_true(bool(np.array_equal(again, outputs[0])), f"{what} answers differently when asked the same again")
    expect_true(not np.array_equal(other, outputs[0]),
                f"{what} answers the same for models built from two seeds: the answer does not come from its weights")
    return outputs


def images_for(student, noise_dim: int, label_sets: list[np.ndarray], seed: int = 0,
               scale: float = 1.0) -> list[np.ndarray]:
    """An untrained generator's images for one z (of standard deviation ``scale``) under each set of labels."""
    what = f"Generator(noise_dim={noise_dim}, num_classes=10)(z of shape ({BATCH}, {noise_dim}), labels)"
    reply = student.harness("harness:generate", noise_dim, seed, tensor(noise(noise_dim, seed, scale)),
                            [tensor(labels, dtype="int64") for labels in label_sets])
    return expect_made_by_the_weights(reply, "images", what, (BATCH, 64))


def logits_for(student, seed: int, x: np.ndarray, label_sets: list[np.ndarray]) -> list[np.ndarray]:
    """An untrained discriminator's logits for images x under each set of labels."""
    what = f"Discriminator(num_classes=10)(x of shape ({BATCH}, 64), labels)"
    label_tensors = [tensor(labels, dtype="int64") for labels in label_sets]
    reply = student.harness("harness:discriminate", seed, tensor(x), label_tensors)
    return expect_made_by_the_weights(reply, "logits", what, (BATCH, 1))


@check(points=2)
def generator_maps_noise_and_labels_to_images_in_tanh_range(student):
    """Generator(noise_dim, 10) maps z (B, noise_dim) and labels (B,) to images (B, 64) in [-1, 1], even for large z"""
    for noise_dim, scale in ((32, 1.0), (5, 1.0), (32, 100.0)):
        (images,) = images_for(student, noise_dim, [LABELS], scale=scale)
        expect_true(bool(np.all(np.abs(images) <= 1)),
                    f"Generator(noise_dim={noise_dim}) gives values outside [-1, 1] for z of standard deviation "
                    f"{scale:g} (from {images.min():.4g} to {images.max():.4g}): end the generator with tanh")


@check(points=1)
def discriminator_gives_one_logit_per_image_and_label(student):
    """Discriminator(10)(x, labels) maps images (B, 64) and labels (B,) to logits (B, 1)"""
    x = np.random.default_rng(1).uniform(-1, 1, (BATCH, 64)).astype(np.float32)
    logits_for(student, 0, x, [LABELS])


@check(points=2)
def generator_output_depends_on_the_label(student):
    """The generator reads the label: the same z with another label gives another image, for every sample"""
    shifted = (LABELS + 1) % 10
    first, second = images_for(student, 32, [LABELS, shifted], seed=2)
    changed = np.abs(first - second).max(axis=1)  # (B,)
    expect_true(bool(np.all(changed > 1e-6)),
                f"Generator(z, labels) and Generator(z, labels + 1) give the same image for samples "
                f"{np.flatnonzero(changed <= 1e-6).tolist()}: the label should be an input of the generator")


@check(points=2)
def discriminator_output_depends_on_the_label(student):
    """The discriminator reads the label: the same image with another label gets another logit"""
    x = np.random.default_rng(3).uniform(-1, 1, (BATCH, 64)).astype(np.float32)
    shifted = (LABELS + 1) % 10
    first, second = logits_for(student, 3, x, [LABELS, shifted])
    changed = np.abs(first - second)[:, 0]
    expect_true(bool(np.all(changed > 1e-6)),
                f"Discriminator(x, labels) and Discriminator(x, labels + 1) give the same logit for samples "
                f"{np.flatnonzero(changed <= 1e-6).tolist()}: the label should be an input of the discriminator")


@check(points=2)
def sample_grid_has_one_row_per_label(student):
    """sample_grid(generator, noise) is (10, N, 64): row k is generator(noise, k), the same noise in every row"""
    z = noise(32, seed=4)[:5]
    reply = student.harness("harness:grid", 32, 4, tensor(z))
    grid = expect_tensor(reply["grid"], "sample_grid(generator, noise of shape (5, 32))", shape=(10, 5, 64)).array
    for k, row in enumerate(reply["rows"]):
        expected = expect_tensor(row, f"generator(noise, labels all {k})", shape=(5, 64)).array
        expect_close(grid[k], expected, f"row {k} of sample_grid(generator, noise)", rtol=1e-4, atol=1e-5)
    # anchored (decision 1): the grid comes from the generator it is given, not from beside it
    other = expect_tensor(reply["other_grid"], "sample_grid(another generator, noise)", shape=(10, 5, 64)).array
    expect_true(not np.array_equal(other, grid), "sample_grid gives the same grid for generators built from two "
                                                 "seeds: it should draw each row with the generator it is given")
