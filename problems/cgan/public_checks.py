"""Public checks: shapes, that both networks read the label, and the per-label sample grid's layout."""

import numpy as np

from gradekit.grading.api import CheckFailed, check, expect_close, expect_tensor, expect_true, tensor

BATCH = 6
LABELS = np.array([0, 3, 7, 9, 1, 5])


def noise(noise_dim: int, seed: int = 0, scale: float = 1.0) -> np.ndarray:
    return (scale * np.random.default_rng(seed).standard_normal((BATCH, noise_dim))).astype(np.float32)


def images_for(student, noise_dim: int, label_sets: list[np.ndarray], seed: int = 0,
               scale: float = 1.0) -> list[np.ndarray]:
    """An untrained generator's images for one z (of standard deviation ``scale``) under each set of labels."""
    what = f"Generator(noise_dim={noise_dim}, num_classes=10)(z of shape ({BATCH}, {noise_dim}), labels)"
    replies = student.harness("harness:generate", noise_dim, seed, tensor(noise(noise_dim, seed, scale)),
                              [tensor(labels, dtype="int64") for labels in label_sets])
    if not isinstance(replies, list) or len(replies) != len(label_sets):
        raise CheckFailed(f"the harness could not query {what}")
    return [expect_tensor(reply, what, shape=(BATCH, 64)).array for reply in replies]


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
    (logits,) = student.harness("harness:discriminate", 0, tensor(x), [tensor(LABELS, dtype="int64")])
    expect_tensor(logits, f"Discriminator(num_classes=10)(x of shape ({BATCH}, 64), labels)", shape=(BATCH, 1))


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
    replies = student.harness("harness:discriminate", 3, tensor(x),
                              [tensor(LABELS, dtype="int64"), tensor(shifted, dtype="int64")])
    first, second = (expect_tensor(r, "Discriminator(x, labels)", shape=(BATCH, 1)).array for r in replies)
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
