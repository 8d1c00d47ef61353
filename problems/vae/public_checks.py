"""Public checks: shapes, the loss's worked values, sampling, and the interpolation figure's layout."""

import numpy as np
from hypothesis import example, given

from gradekit.grading.api import CheckFailed, check, expect_close, expect_real, expect_tensor, expect_true
from gradekit.grading.api import generator, tensor

from .strategies import expect_pair, fixed_model_inputs, model_inputs

SAMPLE_DRAWS = 2000
MU = [[0.0, 1.5, -2.0], [0.3, 0.0, 4.0]]
LOGVAR = [[-3.0, -1.0, 0.0], [1.0, 2.0, -0.5]]  # sigma = exp(logvar / 2) differs from exp(logvar) except at 0
BINARY_IMAGES = [[1.0, 0.0, 0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0, 0.0, 1.0]]
LABELS = [3, 1, 3, 0, 1, 3, 7, 0, 1, 7, 7, 3]


def loss_value(student, recon, x, mu, logvar, what: str) -> float:
    value = student.vae_loss(tensor(recon), tensor(x), tensor(mu), tensor(logvar))
    return expect_real(expect_tensor(value, what, shape=()).array, what)


@check(points=0, precondition=True, max_examples=6)
@given(inputs=model_inputs())
@example(inputs=fixed_model_inputs())
def model_outputs_have_the_right_shapes(student, inputs):
    """encode gives (mu, logvar) of shape (B, latent_dim), decode (B, input_dim), forward all three"""
    input_dim, latent_dim, seed, x, z = inputs
    out = student.harness("harness:outputs", input_dim, latent_dim, seed, tensor(x), tensor(z))
    batch = len(x)
    expect_pair(out["encode"], f"VAE({input_dim}, {latent_dim}).encode(x of shape {x.shape})", (batch, latent_dim))
    expect_tensor(out["decode"], f"VAE({input_dim}, {latent_dim}).decode(z of shape {z.shape})",
                  shape=(batch, input_dim))
    forward = out["forward"]
    what = f"VAE({input_dim}, {latent_dim})(x of shape {x.shape})"
    if not isinstance(forward, (tuple, list)) or len(forward) != 3:
        raise CheckFailed(f"{what} should return three tensors (recon, mu, logvar)")
    expect_tensor(forward[0], what + "[0], recon", shape=(batch, input_dim))
    expect_pair(forward[1:], what + "[1:], (mu, logvar)", (batch, latent_dim))


@check(points=1, max_examples=6)
@given(inputs=model_inputs())
@example(inputs=fixed_model_inputs())
def decoder_outputs_are_probabilities(student, inputs):
    """decode(z) gives Bernoulli means: every value lies in [0, 1], even for large z, and depends on z"""
    input_dim, latent_dim, seed, _, z = inputs
    what = f"VAE({input_dim}, {latent_dim}).decode(z)"
    codes = np.concatenate([10 * z, -10 * z])  # at least two different codes
    recon = expect_tensor(student.harness("harness:decode", input_dim, latent_dim, seed, tensor(codes)), what,
                          shape=(len(codes), input_dim)).array
    expect_true(bool(np.isfinite(recon).all() and np.all((recon >= 0) & (recon <= 1))),
                f"{what} has values outside [0, 1] (min {np.nanmin(recon):.4g}, max {np.nanmax(recon):.4g}): "
                "the decoder should end in a sigmoid")
    # anchor: a decoder that ignores its code (one fixed image) also gives probabilities
    expect_true(bool(np.abs(recon[:len(z)] - recon[len(z):]).max() > 1e-6),
                f"{what} gives the same image for z and -z: the decoder must use its code")


@check(points=2)
def reparameterize_has_mean_mu_and_std_exp_half_logvar(student):
    """model.reparameterize(mu, logvar) draws z with mean mu and standard deviation exp(logvar / 2)"""
    mu, logvar = np.array(MU, np.float32), np.array(LOGVAR, np.float32)
    samples = student.harness("harness:reparameterized", 8, 3, tensor(mu), tensor(logvar), SAMPLE_DRAWS, 0)
    what = f"{SAMPLE_DRAWS} draws of reparameterize(mu, logvar)"
    z = expect_tensor(samples, what, shape=(SAMPLE_DRAWS, *mu.shape)).array.astype(np.float64)
    sigma = np.exp(logvar / 2)
    # 6 standard errors: a right answer fails with probability below 1e-8 (and the seed is fixed)
    mean_ok = np.abs(z.mean(axis=0) - mu) <= 6 * sigma / np.sqrt(SAMPLE_DRAWS)
    std_ok = np.abs(z.std(axis=0) / sigma - 1) <= 6 / np.sqrt(2 * SAMPLE_DRAWS)
    expect_true(bool(mean_ok.all()), f"the sample mean of {what} is {np.round(z.mean(axis=0), 3).tolist()}",
                f"expected mu = {MU}")
    expect_true(bool(std_ok.all()), f"the sample standard deviation of {what} is "
                                    f"{np.round(z.std(axis=0), 3).tolist()} for logvar = {LOGVAR}",
                f"expected exp(logvar / 2) = {np.round(sigma, 3).tolist()}")


@check(points=1)
def perfect_reconstruction_at_the_prior_costs_nothing(student):
    """vae_loss(x, x, 0, 0) = 0 for a binary x (no reconstruction error, q(z|x) = N(0, I)); a blurred x costs"""
    x = np.array(BINARY_IMAGES, np.float32)
    zeros = np.zeros((2, 3), np.float32)
    value = loss_value(student, x, x, zeros, zeros, "vae_loss(x, x, zeros, zeros)")
    expect_close(value, 0.0, "vae_loss(x, x, zeros, zeros) for binary x", atol=1e-5)
    # anchor: a loss of zero is zero here too; decoding every pixel as 1/2 costs ln 2 nats per pixel
    blurred = loss_value(student, np.full_like(x[:1], 0.5), x[:1], zeros[:1], zeros[:1],
                         "vae_loss(1/2, x[:1], zeros, zeros)")
    expect_close(blurred, x.shape[1] * np.log(2), "vae_loss(recon = 1/2 everywhere, one image, zeros, zeros)",
                 rtol=1e-4)


@check(points=1)
def kl_term_at_unit_variance_is_half_the_squared_mean(student):
    """With sigma = 1 the loss grows by the batch mean of 1/2 sum_j mu_j^2: mu = [[1, 0], [1, 1]] adds 0.75"""
    x = np.array(BINARY_IMAGES, np.float32)
    zeros = np.zeros((2, 2), np.float32)
    mu = np.array([[1.0, 0.0], [1.0, 1.0]], np.float32)
    at_prior = loss_value(student, x, x, zeros, zeros, "vae_loss(x, x, zeros, zeros)")
    shifted = loss_value(student, x, x, mu, zeros, "vae_loss(x, x, mu, zeros)")
    expect_close(shifted - at_prior, 0.75, "vae_loss(x, x, mu, 0) - vae_loss(x, x, 0, 0)", rtol=1e-4, atol=1e-5)


@check(points=1)
def loss_is_a_mean_over_the_batch(student):
    """vae_loss averages over the batch: the loss of 3 images is the mean of their own losses, which differ"""
    rng = np.random.default_rng(1)
    x = rng.random((3, 6), dtype=np.float32)
    recon = rng.uniform(0.05, 0.95, (3, 6)).astype(np.float32)
    mu, logvar = rng.standard_normal((2, 3, 2)).astype(np.float32)
    batch = loss_value(student, recon, x, mu, logvar, "vae_loss on a batch of 3")
    alone = [loss_value(student, recon[i:i + 1], x[i:i + 1], mu[i:i + 1], logvar[i:i + 1],
                        f"vae_loss on image {i} alone") for i in range(3)]
    expect_close(batch, float(np.mean(alone)), "vae_loss(batch of 3) vs the mean of the 3 images' losses", rtol=1e-4)
    # anchor: a constant loss is its own mean; these images are reconstructed unequally well
    expect_true(max(alone) - min(alone) > 1e-3, f"vae_loss gives the same loss {alone[0]:.4g} to three images "
                                                "reconstructed unequally well")


def interpolation(student, seed: int, input_dim: int = 16, latent_dim: int = 3, rows: int = 4):
    rng = np.random.default_rng(seed)
    first, second = rng.random((2, rows, input_dim), dtype=np.float32)
    out = student.harness("harness:interpolation", input_dim, latent_dim, seed, tensor(first), tensor(second))
    grid = expect_tensor(out["rows"], f"interpolate(model, first, second) for {rows} pairs of {input_dim} pixels",
                         shape=(rows, 9, input_dim)).array
    return first, second, grid, out


@check(points=2)
def interpolation_rows_start_and_end_with_the_test_images(student):
    """interpolate gives (pairs, 9, pixels): column 0 is the first image, column 8 the second, as given"""
    first, second, grid, _ = interpolation(student, seed=3)
    expect_close(grid[:, 0], first, "column 0 of interpolate(model, first, second)", rtol=0, atol=1e-6)
    expect_close(grid[:, -1], second, "column 8 of interpolate(model, first, second)", rtol=0, atol=1e-6)


@check(points=2)
def interpolates_decode_evenly_spaced_codes(student):
    """Columns 1..7 decode mu_a + t (mu_b - mu_a) for t = 1/8, ..., 7/8, mu being the encoder's mean"""
    seed, input_dim, latent_dim = 4, 16, 3
    _, _, grid, out = interpolation(student, seed, input_dim, latent_dim)
    pairs = grid.shape[0]
    mu_first = expect_tensor(out["mu_first"], "encode(first)[0]", shape=(pairs, latent_dim)).array
    mu_second = expect_tensor(out["mu_second"], "encode(second)[0]", shape=(pairs, latent_dim)).array
    t = np.arange(1, 8, dtype=np.float32)[None, :, None] / 8  # (1, 7, 1)
    codes = mu_first[:, None] + t * (mu_second - mu_first)[:, None]  # (pairs, 7, latent)
    decoded = student.harness("harness:decode", input_dim, latent_dim, seed, tensor(codes.reshape(-1, latent_dim)))
    expected = expect_tensor(decoded, "decode(codes)", shape=(pairs * 7, input_dim)).array
    expect_close(grid[:, 1:-1], expected.reshape(-1, 7, input_dim), "columns 1..7 of interpolate(model, a, b)",
                 rtol=1e-4, atol=1e-5)


@check(points=1)
def pairs_show_the_same_or_different_digits(student):
    """choose_pairs(labels, same_digit, count, generator) gives count pairs i != j of equal (or unequal) labels"""
    labels = np.array(LABELS)
    for same in (True, False):
        what = f"choose_pairs(labels, same_digit={same}, count=10, generator)"
        pairs = expect_tensor(student.choose_pairs(tensor(labels, dtype="int64"), same, 10, generator(5)), what,
                              shape=(10, 2), floating=False).array
        expect_true(bool(np.all((pairs >= 0) & (pairs < len(labels)))), f"{what} has indices outside the labels")
        first, second = labels[pairs[:, 0]], labels[pairs[:, 1]]
        expect_true(bool(np.all(pairs[:, 0] != pairs[:, 1])), f"{what} pairs an image with itself: {pairs.tolist()}")
        agree = first == second if same else first != second
        expect_true(bool(agree.all()), f"{what} gives pairs with labels {np.stack([first, second], 1).tolist()}")
        again = student.choose_pairs(tensor(labels, dtype="int64"), same, 10, generator(5))
        expect_close(expect_tensor(again, what, shape=(10, 2), floating=False).array, pairs,
                     f"{what} called twice with the same generator seed", rtol=0, atol=0)
