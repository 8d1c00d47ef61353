"""The reference DDPM: the U-Net's interface, the reverse step's law, the respaced sampler, a smoke run."""

import numpy as np
import pytest
import torch

from gradekit.calc.ddpm import (UNet, ddpm_loss, q_sample, respaced_schedule, reverse_step, sample,
                                sampling_timesteps)
from gradekit.data import load_digits_split
from gradekit.models.diffusion import DDPMConfig, draw_samples, reverse_process, train_ddpm
from gradekit.models.signed_images import to_unit
from gradekit.models.training import TrainConfig

CONFIG = DDPMConfig(train=TrainConfig(steps=40, batch_size=16, learning_rate=2e-3, eval_every=20))
ALPHA_BAR = CONFIG.alpha_bar().double()
BETAS = 1 - ALPHA_BAR / torch.cat([torch.ones(1, dtype=torch.float64), ALPHA_BAR[:-1]])


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Small tensors: one thread is fastest, and far faster than two on a busy machine."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


class GaussianOracle(torch.nn.Module):
    """E[ε | x_t] for data N(mean, std²): √(1 − ᾱ)(x − √ᾱ mean)/(ᾱ std² + 1 − ᾱ)."""

    def __init__(self, mean: float, std: float):
        super().__init__()
        self.mean, self.std = mean, std

    def forward(self, x, t):
        a = ALPHA_BAR[t].reshape(-1, 1, 1, 1).to(x.dtype)
        return (1 - a).sqrt() * (x - a.sqrt() * self.mean) / (a * self.std**2 + 1 - a)


@pytest.mark.parametrize("side", [8, 16])
def test_the_unet_predicts_noise_of_the_input_shape_and_listens_to_the_step(side):
    torch.manual_seed(0)
    model = UNet(channels=3)
    x = torch.randn(2, 3, side, side)
    early, late = model(x, torch.tensor([5, 5])), model(x, torch.tensor([900, 900]))
    assert early.shape == x.shape
    assert not torch.allclose(early, late)


@pytest.mark.parametrize("t", [0, 1, 500, 999])
def test_told_the_true_noise_the_reverse_step_gives_the_posterior_mean(t):
    generator = torch.Generator().manual_seed(t)
    x0, eps = torch.rand(3, 1, 4, 4, generator=generator, dtype=torch.float64) * 2 - 1, \
        torch.randn(3, 1, 4, 4, generator=generator, dtype=torch.float64)
    x_t = q_sample(x0, torch.full((3,), t), eps, ALPHA_BAR)
    a_prev = ALPHA_BAR[t - 1] if t > 0 else torch.tensor(1.0, dtype=torch.float64)
    # Ho et al. eq. 7: μ̃ = √ᾱ_{t−1} β_t/(1 − ᾱ_t) x_0 + √α_t (1 − ᾱ_{t−1})/(1 − ᾱ_t) x_t
    posterior_mean = (a_prev.sqrt() * BETAS[t] / (1 - ALPHA_BAR[t]) * x0
                      + (1 - BETAS[t]).sqrt() * (1 - a_prev) / (1 - ALPHA_BAR[t]) * x_t)
    got = reverse_step(x_t, t, eps, BETAS, ALPHA_BAR, torch.zeros_like(x_t))
    torch.testing.assert_close(got, posterior_mean)


def test_the_last_step_adds_no_noise_and_the_others_the_posterior_spread():
    x, eps, z = torch.randn(3, 2, 1, 2, 2, dtype=torch.float64)
    assert torch.equal(reverse_step(x, 0, eps, BETAS, ALPHA_BAR, z), reverse_step(x, 0, eps, BETAS, ALPHA_BAR, 0 * z))
    spread = (1 - ALPHA_BAR[99]) / (1 - ALPHA_BAR[100]) * BETAS[100]
    noisy, quiet = (reverse_step(x, 100, eps, BETAS, ALPHA_BAR, noise) for noise in (z, 0 * z))
    torch.testing.assert_close(noisy - quiet, spread.sqrt() * z)


def test_the_assignments_ten_steps_spread_over_the_schedule():
    assert sampling_timesteps(1000, 10).tolist() == [0, 111, 222, 333, 444, 555, 666, 777, 888, 999]
    assert sampling_timesteps(1000, 1000).tolist() == list(range(1000))
    with pytest.raises(ValueError):
        sampling_timesteps(1000, 0)


def test_the_respaced_chain_keeps_alpha_bar_and_with_every_step_is_the_training_chain():
    _, betas, chain_alpha_bar = respaced_schedule(ALPHA_BAR, 10)
    torch.testing.assert_close(torch.cumprod(1 - betas, 0), chain_alpha_bar)
    _, every_beta, _ = respaced_schedule(ALPHA_BAR, 1000)
    # ᾱ was accumulated in float32, so the β it gives back agree to float32's precision
    torch.testing.assert_close(every_beta, torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64), rtol=0, atol=3e-7)


@pytest.mark.parametrize("steps", [1000, 10])
def test_sampling_with_the_exact_predictor_of_gaussian_data_is_seeded_and_lands_near_it(steps):
    oracle = GaussianOracle(0.5, 0.3)
    first = sample(oracle, (4000, 1, 1, 1), ALPHA_BAR, steps, torch.Generator().manual_seed(1))
    again = sample(oracle, (4000, 1, 1, 1), ALPHA_BAR, steps, torch.Generator().manual_seed(1))
    assert torch.equal(first, again)
    assert first.mean().item() == pytest.approx(0.5, abs=0.03)
    # the full chain recovers the data's spread; the 10-step chain (σ² = β̃ of large steps) undershoots it
    expected_std = {1000: (0.27, 0.33), 10: (0.1, 0.25)}[steps]
    assert expected_std[0] < first.std().item() < expected_std[1]


def test_a_short_run_trains_and_samples_digits_shaped_images():
    split = load_digits_split()
    train = torch.from_numpy(split.train_images[:300, None]) * 2 - 1
    test = torch.from_numpy(split.test_images[:50, None]) * 2 - 1
    trained = train_ddpm(train, test, CONFIG)
    assert len(trained.history.train) == 40 and trained.history.test_steps == [20, 40]
    assert np.mean(trained.history.train[-10:]) < np.mean(trained.history.train[:5])
    images = to_unit(draw_samples(trained.model, CONFIG, 5, (1, 8, 8), 10, torch.Generator().manual_seed(0)))
    assert images.shape == (5, 8, 8) and images.min() >= 0 and images.max() <= 1


def test_the_reverse_process_starts_at_noise_and_ends_at_the_sample():
    torch.manual_seed(0)
    model = UNet(1)
    states, taus = reverse_process(model, CONFIG, 3, (1, 8, 8), 10, torch.Generator().manual_seed(2))
    final = sample(model, (3, 1, 8, 8), ALPHA_BAR.float(), 10, torch.Generator().manual_seed(2))
    assert states.shape == (3, 11, 1, 8, 8) and taus == [1000, 999, 888, 777, 666, 555, 444, 333, 222, 111, 0]
    torch.testing.assert_close(states[:, -1], final)


def test_the_loss_is_the_mean_squared_error_of_the_predicted_noise():
    torch.manual_seed(0)
    model = UNet(1)
    x0, noise = torch.rand(4, 1, 8, 8), torch.randn(4, 1, 8, 8)
    t = torch.tensor([0, 10, 500, 999])
    a_bar = ALPHA_BAR.float()
    prediction = model(q_sample(x0, t, noise, a_bar), t)
    torch.testing.assert_close(ddpm_loss(model, x0, t, noise, a_bar), ((prediction - noise) ** 2).mean())


def test_the_train_command_writes_the_reverse_process_samples_and_fids(tmp_path, monkeypatch):
    from gradekit.runs import diffusion
    from gradekit.runs.registry import train_model
    from gradekit.runs.settings import RunSettings

    monkeypatch.setattr(diffusion, "DDPM_FULL_CHAIN_SAMPLES", {"cpu": 16})  # 1000 network calls each
    monkeypatch.setattr(diffusion, "DDPM_FID_SAMPLES", 100)
    metrics = train_model("ddpm", RunSettings(out=tmp_path, steps=3, device="cpu"), show_progress=False)
    assert metrics["figures"] == ["loss_curves.png", "reverse_process.png", "samples_10_steps.png",
                                  "samples_1000_steps.png"]
    assert all((tmp_path / name).stat().st_size > 1000 for name in metrics["figures"])
    assert metrics["reverse_steps"][:3] == [1000, 999, 888] and metrics["device"] == "cpu"
    chains = metrics["metrics"]
    assert chains["10 steps"]["samples"] == 100 and chains["1000 steps"]["samples"] == 16
    assert chains["10 steps"]["fid"] > chains["fid_training_digits"]
