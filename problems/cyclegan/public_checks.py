"""Public checks: the networks' shapes and ranges, the losses' worked values, and the image pool's behaviour."""

import numpy as np

from gradekit.grading.api import CheckFailed, check, expect_close, expect_real, expect_tensor, expect_true, tensor

POOL_SIZE, POOL_BATCH, POOL_BATCHES = 20, 8, 30  # 20 images fill the pool; then 220 coin flips


def made_by_the_weights(reply, what: str, **shape) -> np.ndarray:
    """A model's output, anchored (decision 1): the same when asked again, another for a model built from
    another seed. An answer made beside the layers (zeros, a constant, noise of the right shape) is neither."""
    if not isinstance(reply, dict):
        raise CheckFailed(f"the harness could not query {what}")
    out = expect_tensor(reply.get("output"), what, **shape).array
    again = expect_tensor(reply.get("again"), what, **shape).array
    other = expect_tensor(reply.get("other_seed"), what, **shape).array
    expect_true(bool(np.array_equal(again, out)), f"{what} answers differently when asked the same again (eval mode)")
    expect_true(not np.array_equal(other, out),
                f"{what} answers the same for models built from two seeds: the answer does not come from its weights")
    return out


def scalar(value, what: str) -> float:
    return expect_real(expect_tensor(value, what, shape=()).array, what)


@check(points=1)
def generator_keeps_the_shape_and_stays_in_range(student):
    """ResnetGenerator(channels)(x) has x's shape (B, C, H, W) and values in [−1, 1] (a tanh), even for large x"""
    rng = np.random.default_rng(0)
    for channels, batch, side in ((3, 2, 8), (1, 3, 8), (3, 1, 16)):
        x = 10 * rng.uniform(-1, 1, (batch, channels, side, side))
        what = f"ResnetGenerator({channels})(x of shape {x.shape})"
        out = made_by_the_weights(student.harness("harness:generator_output", channels, 0, tensor(x)), what,
                                  shape=x.shape)
        expect_true(bool(np.all(np.abs(out) <= 1)),
                    f"{what} has values outside [-1, 1] (from {out.min():.3g} to {out.max():.3g}): end with a tanh")


@check(points=1)
def discriminator_scores_every_patch(student):
    """PatchDiscriminator(channels)(x) is a map of scores (B, 1, h, w), at least 2x2 for 8x8 images: one per patch"""
    rng = np.random.default_rng(1)
    for channels, batch, side in ((3, 2, 8), (1, 2, 16)):
        x = rng.uniform(-1, 1, (batch, channels, side, side))
        what = f"PatchDiscriminator({channels})(x of shape {x.shape})"
        out = made_by_the_weights(student.harness("harness:discriminator_output", channels, 0, tensor(x)), what,
                                  ndim=4)
        if out.shape[:2] != (batch, 1) or min(out.shape[2:]) < 2:
            example = (batch, 1, side // 4, side // 4)
            raise CheckFailed(f"{what} has shape {out.shape}",
                              detail=f"expected (B, 1, h, w) with h, w >= 2, for instance {example}")


@check(points=2)
def cycle_loss_is_lambda_times_both_mean_absolute_errors(student):
    """cycle_consistency_loss = λ (mean |F(G(x)) − x| + mean |G(F(y)) − y|): 0 for perfect cycles, L1 not L2"""
    x = np.zeros((2, 3, 4, 4))
    y = np.linspace(-1, 1, 2 * 3 * 4 * 4).reshape(2, 3, 4, 4)
    cases = [  # (x_cycled, y_cycled, lam, expected): each cycle off by 0.5 everywhere adds lam * 0.5
        (x, y, 10.0, 0.0),
        (x + 0.5, y, 10.0, 5.0),
        (x, y - 0.5, 10.0, 5.0),
        (x + 0.5, y - 0.5, 10.0, 10.0),
        (x - 0.5, y + 0.5, 2.0, 2.0),
    ]
    for x_cycled, y_cycled, lam, expected in cases:
        what = f"cycle_consistency_loss with |x_cycled − x| = {np.abs(x_cycled - x).max():g}, " \
               f"|y_cycled − y| = {np.abs(y_cycled - y).max():g} everywhere, lam = {lam:g}"
        value = scalar(student.cycle_consistency_loss(tensor(x), tensor(x_cycled), tensor(y), tensor(y_cycled),
                                                      lam), what)
        expect_close(value, expected, what, rtol=1e-5, atol=1e-6)


@check(points=1)
def identity_loss_is_half_lambda_times_both_mean_absolute_errors(student):
    """identity_loss = 0.5 λ (mean |G_BA(a) − a| + mean |G_AB(b) − b|): 0.2 off everywhere in both gives 2.0"""
    a = np.full((2, 3, 4, 4), -0.5)
    b = np.full((2, 3, 4, 4), 0.25)
    for a_same, b_same, expected in ((a, b, 0.0), (a + 0.2, b, 1.0), (a, b - 0.2, 1.0), (a - 0.2, b + 0.2, 2.0)):
        what = "identity_loss(a, a_same, b, b_same, lam=10)"
        value = scalar(student.identity_loss(tensor(a), tensor(a_same), tensor(b), tensor(b_same), 10.0), what)
        expect_close(value, expected, f"{what} with a_same − a = {(a_same - a).flat[0]:g}, "
                                      f"b_same − b = {(b_same - b).flat[0]:g}", rtol=1e-5, atol=1e-6)


@check(points=1)
def least_squares_losses_have_their_worked_values(student):
    """J_D = ½ mean (D(x) − 1)² + ½ mean D(G(z))², J_G = mean (D(G(z)) − 1)², on raw scores of any shape"""
    ones, zeros = np.ones((2, 1, 2, 2)), np.zeros((2, 1, 2, 2))
    for d_real, d_fake, expected in ((ones, zeros, 0.0), (zeros, ones, 1.0), (ones, ones, 0.5), (3 * ones, zeros, 2.0)):
        what = f"discriminator_ls_loss(d_real = {d_real.flat[0]:g}, d_fake = {d_fake.flat[0]:g})"
        expect_close(scalar(student.discriminator_ls_loss(tensor(d_real), tensor(d_fake)), what), expected, what,
                     rtol=1e-6, atol=1e-7)
    for d_fake, expected in ((ones, 0.0), (zeros, 1.0), (-ones, 4.0)):
        what = f"generator_ls_loss(d_fake = {d_fake.flat[0]:g})"
        expect_close(scalar(student.generator_ls_loss(tensor(d_fake)), what), expected, what, rtol=1e-6, atol=1e-7)


def pool_outputs(student, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Query a fresh pool with batches of images that each hold one id; the ids that went in and came out."""
    ids = np.arange(POOL_BATCH * POOL_BATCHES, dtype=np.float64).reshape(POOL_BATCHES, POOL_BATCH)
    batches = [np.broadcast_to(batch[:, None, None, None], (POOL_BATCH, 1, 2, 2)).copy() for batch in ids]
    replies = student.harness("harness:pool_run", size, seed, [tensor(batch) for batch in batches])
    if not isinstance(replies, list) or len(replies) != POOL_BATCHES:
        raise CheckFailed(f"ImagePool.query did not answer each of {POOL_BATCHES} batches")
    out = np.stack([expect_tensor(reply, f"ImagePool({size}).query(batch of shape {(POOL_BATCH, 1, 2, 2)})",
                                  shape=(POOL_BATCH, 1, 2, 2)).array for reply in replies])
    expect_true(bool(np.all(out == out[..., :1, :1])), "ImagePool.query returned images that are not ones it was given")
    return ids, out[..., 0, 0, 0]


@check(points=2)
def image_pool_swaps_half_the_images_for_older_ones(student):
    """ImagePool(size) returns its first size images as given, then swaps each for a stored one with probability ½"""
    ids, out = pool_outputs(student, POOL_SIZE, seed=3)
    given, returned = ids.ravel(), out.ravel()
    what = f"ImagePool({POOL_SIZE}).query over {len(given)} images"
    filling = slice(0, POOL_SIZE)
    expect_true(bool(np.array_equal(returned[filling], given[filling])),
                f"{what}: the first {POOL_SIZE} images (the pool still filling) were not returned as given")
    later = slice(POOL_SIZE, None)
    swapped = returned[later] != given[later]
    older = returned[later][swapped]
    expect_true(bool(np.all(older < given[later][swapped])), f"{what}: a swapped-in image is not an older one")
    expect_true(len(np.unique(older)) == len(older),
                f"{what}: an image came out of the history twice (a returned image must leave the pool)")
    flips = int(swapped.size)
    # a fair coin over the flips: 6 standard deviations either side
    low, high = flips / 2 - 3 * np.sqrt(flips), flips / 2 + 3 * np.sqrt(flips)
    expect_true(bool(low <= swapped.sum() <= high),
                f"{what}: {int(swapped.sum())} of the {flips} images after the pool filled were swapped for older "
                f"ones", detail=f"expected about half, between {low:.0f} and {high:.0f}")
    _, again = pool_outputs(student, POOL_SIZE, seed=3)
    expect_true(bool(np.array_equal(again, out)), f"{what}: two pools with generators of the same seed disagree")
    _, off = pool_outputs(student, 0, seed=3)
    expect_true(bool(np.array_equal(off, ids)), "ImagePool(0).query does not return its images as given")
