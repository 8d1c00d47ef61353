"""Public checks: the forward marginal, the network's interface, the loss, the reverse step and the sampler's law."""

import numpy as np

from gradekit.grading.api import check, expect_close, expect_tensor, expect_true, tensor

from .strategies import (ALPHA_BAR, BETAS, T, gaussian_chain_moments, posterior_mean, posterior_std,
                         sampling_timesteps)

FORWARD_DRAWS = 4000
ORACLE_MEAN, ORACLE_STD = 0.5, 0.3  # data N(0.5, 0.3²): far from the prior N(0, 1) in mean and in spread
ORACLE_SHAPE = (2000, 1, 2, 2)  # 8000 independent coordinates
CHECKED_STEPS = (0, 1, 250, 999)


def forward_noise(shape: tuple, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape)


@check(points=2)
def forward_marginal_has_the_right_moments(student):
    """q_sample draws x_t with mean √ᾱ_t x_0 and variance 1 − ᾱ_t, one step per image"""
    x0_image = np.linspace(-1, 1, 4).reshape(1, 1, 2, 2)
    for t in CHECKED_STEPS:
        x0 = np.repeat(x0_image, FORWARD_DRAWS, axis=0)  # (N, 1, 2, 2)
        steps = np.full(FORWARD_DRAWS, t, np.int64)
        what = f"q_sample(x0, t = {t}, noise, alpha_bar) over {FORWARD_DRAWS} noise draws"
        x_t = expect_tensor(student.q_sample(tensor(x0, "float64"), tensor(steps, "int64"),
                                             tensor(forward_noise(x0.shape, t), "float64"),
                                             tensor(ALPHA_BAR, "float64")), what, shape=x0.shape).array
        a = ALPHA_BAR[t]
        # 6 standard errors of a mean and of a variance: a right answer fails with probability below 1e-8
        expect_close(x_t.mean(axis=0), np.sqrt(a) * x0_image[0], f"the mean of {what}",
                     rtol=0, atol=6 * np.sqrt((1 - a) / FORWARD_DRAWS))
        expect_close(x_t.var(axis=0), np.full(x0_image.shape[1:], 1 - a), f"the variance of {what}",
                     rtol=6 * np.sqrt(2 / FORWARD_DRAWS), atol=0)


@check(points=0, precondition=True)
def unet_predicts_noise_of_the_input_shape(student):
    """UNet(channels)(x_t, t) maps 8x8 images (B, C, 8, 8) and steps (B,) to a noise estimate (B, C, 8, 8)"""
    rng = np.random.default_rng(0)
    for channels, batch, side in ((1, 3, 8), (3, 2, 8)):
        x = rng.standard_normal((batch, channels, side, side))
        steps = rng.integers(0, T, batch)
        expect_tensor(student.harness("harness:predictions", channels, 0, tensor(x), tensor(steps, "int64")),
                      f"UNet(channels={channels})(x of shape {x.shape}, t)", shape=x.shape)


@check(points=1)
def unet_works_on_any_side_divisible_by_4(student):
    """UNet is fully convolutional: 16x16 and 12x12 images (B, C, side, side) give noise estimates of their shape"""
    rng = np.random.default_rng(3)
    for channels, batch, side in ((1, 2, 16), (1, 2, 12)):
        x = rng.standard_normal((batch, channels, side, side))
        steps = rng.integers(0, T, batch)
        out = expect_tensor(student.harness("harness:predictions", channels, 0, tensor(x), tensor(steps, "int64")),
                            f"UNet(channels={channels})(x of shape {x.shape}, t)", shape=x.shape).array
        # anchor: zeros of the input's shape are not a prediction
        expect_true(bool(np.isfinite(out).all() and np.abs(out).max() > 1e-6),
                    f"UNet(channels={channels})(x of shape {x.shape}, t) predicts no noise at all")


@check(points=1)
def unet_output_depends_on_the_step(student):
    """The network is told the step: the same x_t at t = 10 and t = 900 gives different predictions"""
    x = np.random.default_rng(1).standard_normal((2, 1, 8, 8))
    x = np.concatenate([x, x])  # (4, 1, 8, 8): the same two images at two steps
    steps = np.array([10, 10, 900, 900])
    out = expect_tensor(student.harness("harness:predictions", 1, 0, tensor(x), tensor(steps, "int64")),
                        "UNet(1)(x, t)", shape=x.shape).array
    expect_true(bool(np.abs(out[:2] - out[2:]).max() > 1e-6),
                "UNet(1)(x, t) gives the same output for t = 10 and t = 900: embed t and add it inside the network")
    # anchor: random outputs also differ; a network's do not change when it is asked the same again
    again = expect_tensor(student.harness("harness:predictions", 1, 0, tensor(x), tensor(steps, "int64")),
                          "UNet(1)(x, t)", shape=x.shape).array
    expect_close(again, out, "UNet(1)(x, t) asked twice (an untrained network in eval mode)", rtol=1e-6, atol=1e-7)


@check(points=2)
def loss_is_the_mean_squared_error_of_the_predicted_noise(student):
    """ddpm_loss(model, x0, t, ε, ᾱ) = mean over every element of (ε − model(√ᾱ_t x0 + √(1 − ᾱ_t) ε, t))²"""
    rng = np.random.default_rng(2)
    x0 = rng.uniform(-1, 1, (4, 1, 8, 8))
    t = np.array([0, 3, 500, 999])
    noise = rng.standard_normal(x0.shape)
    a = ALPHA_BAR[t].reshape(-1, 1, 1, 1)
    x_t = np.sqrt(a) * x0 + np.sqrt(1 - a) * noise
    out = student.harness("harness:loss_terms", 0, tensor(x0), tensor(t, "int64"), tensor(noise),
                          tensor(ALPHA_BAR), tensor(x_t))
    prediction = expect_tensor(out["prediction"], "model(x_t, t)", shape=x0.shape).array.astype(np.float64)
    loss = expect_tensor(out["loss"], "ddpm_loss(model, x0, t, noise, alpha_bar)", shape=())
    expect_close(loss, np.mean((noise - prediction) ** 2), "ddpm_loss(model, x0, t, noise, alpha_bar)",
                 rtol=1e-4, atol=1e-6)


def reverse(student, x_t, t, eps, noise, betas=BETAS, alpha_bar=ALPHA_BAR):
    what = f"reverse_step(x_t, {t}, eps, betas, alpha_bar, noise)"
    value = student.reverse_step(tensor(x_t, "float64"), t, tensor(eps, "float64"), tensor(betas, "float64"),
                                 tensor(alpha_bar, "float64"), tensor(noise, "float64"))
    return expect_tensor(value, what, shape=x_t.shape).array, what


def noised(t: int, seed: int, shape=(3, 1, 4, 4)):
    """x_0 in [−1, 1], the true ε, and x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε."""
    rng = np.random.default_rng(seed)
    x0, eps = rng.uniform(-1, 1, shape), rng.standard_normal(shape)
    return x0, eps, np.sqrt(ALPHA_BAR[t]) * x0 + np.sqrt(1 - ALPHA_BAR[t]) * eps


@check(points=3)
def reverse_step_gives_the_posterior_mean_for_the_true_noise(student):
    """Told the true ε and no noise z, reverse_step returns μ̃_t(x_t, x_0), the mean of q(x_{t−1} | x_t, x_0)"""
    for t in CHECKED_STEPS:
        x0, eps, x_t = noised(t, seed=t)
        got, what = reverse(student, x_t, t, eps, np.zeros_like(x_t))
        expect_close(got, posterior_mean(x0, x_t, t, BETAS, ALPHA_BAR), f"{what} with noise = 0",
                     rtol=1e-5, atol=1e-6)


@check(points=1)
def reverse_step_adds_the_posterior_spread_times_the_noise(student):
    """reverse_step adds σ_t z with σ_t² = β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t) β_t: none at t = 0"""
    for t in CHECKED_STEPS:
        _, eps, x_t = noised(t, seed=10 + t)
        noise = np.random.default_rng(20 + t).standard_normal(x_t.shape)
        quiet, _ = reverse(student, x_t, t, eps, np.zeros_like(x_t))
        noisy, what = reverse(student, x_t, t, eps, noise)
        expect_close(noisy - quiet, posterior_std(t, BETAS, ALPHA_BAR) * noise,
                     f"{what} minus the same step with noise = 0", rtol=1e-5, atol=1e-7)


@check(points=3)
def sampling_gaussian_data_with_the_exact_noise_predictor_has_its_law(student):
    """sample(exact ε of N(0.5, 0.3²), ...) has the chain's mean and variance in 1000 steps and in 10, seeded"""
    for steps in (T, 10):
        what = f"sample(model, {ORACLE_SHAPE}, alpha_bar, steps={steps}, generator)"
        samples = expect_tensor(student.harness("harness:oracle_samples", ORACLE_MEAN, ORACLE_STD,
                                                tensor(ALPHA_BAR), steps, ORACLE_SHAPE, 7),
                                what, shape=ORACLE_SHAPE).array.astype(np.float64)
        expect_true(bool(np.isfinite(samples).all()), f"{what} holds values that are not finite")
        mean, variance = gaussian_chain_moments(ORACLE_MEAN, ORACLE_STD, steps)
        count = samples.size
        expect_close(samples.mean(), mean, f"the mean of {what} (τ = {sampling_timesteps(steps)[:4].tolist()}...)",
                     rtol=0, atol=6 * np.sqrt(variance / count))
        expect_close(samples.var(), variance, f"the variance of {what}", rtol=6 * np.sqrt(2 / count), atol=0)
        if steps < T:  # the same seed gives the same samples (checked on the short chain: it is cheaper)
            again = student.harness("harness:oracle_samples", ORACLE_MEAN, ORACLE_STD, tensor(ALPHA_BAR), steps,
                                    ORACLE_SHAPE, 7)
            expect_close(expect_tensor(again, what, shape=ORACLE_SHAPE), samples,
                         f"{what} twice with generators of the same seed", rtol=0, atol=0)


@check(points=1)
def sample_calls_the_network_with_the_training_steps(student):
    """sample calls model(x, τ_i) for i = steps − 1 down to 0: the training steps τ, one per image, not the chain index"""
    for steps in (10, 4):
        shape = (3, 1, 2, 2)
        what = f"sample(model, {shape}, alpha_bar, steps={steps}, generator)"
        calls = student.harness("harness:steps_seen", tensor(ALPHA_BAR), steps, shape, 0)
        expect_true(isinstance(calls, list) and len(calls) == steps,
                    f"{what} calls the network {len(calls) if isinstance(calls, list) else 'an unknown number of'} "
                    f"times; it should call it once per step, {steps} times")
        tau = sampling_timesteps(steps)[::-1]  # the chain runs from the last step down to the first
        for call, (i, want) in enumerate(zip(range(steps - 1, -1, -1), tau)):
            seen = expect_tensor(calls[call], f"the steps t of call {call + 1} of {what}", shape=(shape[0],),
                                 floating=False).array
            expect_true(bool(np.all(seen == want)),
                        f"call {call + 1} of {what} (chain step i = {i}) passes t = {seen.tolist()}; "
                        f"it should pass the training step τ_{i} = {want} for every image",
                        f"τ = {sampling_timesteps(steps).tolist()}")
