"""The reference VAE: a smoke run, held-out metrics, code statistics, interpolation rows, the sweep."""

import numpy as np
import pytest
import torch

from gradekit.calc.vae import VAE, choose_pairs, interpolate, vae_loss
from gradekit.data import load_digits_split
from gradekit.models.training import TrainConfig
from gradekit.models.vae import (VAEConfig, code_statistics, held_out_metrics, interpolation_rows, latent_sweep,
                                 prior_samples, train_vae)

FEW_STEPS = TrainConfig(steps=5, batch_size=16, eval_every=5)


@pytest.fixture(scope="module")
def digits():
    split = load_digits_split()
    train, test = split.flat()
    return split, torch.from_numpy(train[:200]), torch.from_numpy(test[:60])


def test_a_vae_trains_and_reports_its_held_out_elbo(digits):
    _, train, test = digits
    trained = train_vae(train, test, VAEConfig(latent_dim=4, train=FEW_STEPS))
    metrics = held_out_metrics(trained.model, test, torch.Generator().manual_seed(0))
    assert metrics["negative_elbo"] == pytest.approx(metrics["reconstruction_nll"] + metrics["kl"])
    assert metrics["kl"] >= 0 and 0 < metrics["test_mse"] < 1
    assert prior_samples(trained.model, 6, torch.Generator().manual_seed(0)).shape == (6, 64)


def test_the_loss_of_a_perfect_binary_reconstruction_at_the_prior_is_zero():
    x = torch.tensor([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]])
    assert vae_loss(x, x, torch.zeros(2, 2), torch.zeros(2, 2)).item() == pytest.approx(0.0, abs=1e-6)


def test_code_statistics_split_the_aggregate_variance():
    torch.manual_seed(0)
    model = VAE(64, 3)
    stats = code_statistics(model, torch.rand(100, 64))
    assert stats.mean.shape == stats.variance.shape == stats.posterior_variance.shape == (3,)
    assert np.allclose(stats.aggregate_variance, stats.variance + stats.posterior_variance)
    assert set(stats.as_dict()) == {"mean", "variance", "posterior_variance", "active_dimensions"}


def test_interpolation_rows_hold_the_images_at_their_ends(digits):
    split, _, test = digits
    torch.manual_seed(0)
    model = VAE(64, 2).eval()
    for same in (True, False):
        rows, pairs = interpolation_rows(model, test, torch.from_numpy(split.test_labels[:60]), same,
                                         torch.Generator().manual_seed(0))
        assert rows.shape == (10, 9, 64) and pairs.shape == (10, 2)
        assert torch.equal(rows[:, 0], test[pairs[:, 0]]) and torch.equal(rows[:, -1], test[pairs[:, 1]])
        labels = split.test_labels[:60][pairs.numpy()]
        assert ((labels[:, 0] == labels[:, 1]) == same).all() and (pairs[:, 0] != pairs[:, 1]).all()


def test_interpolates_are_evenly_spaced_between_the_codes():
    torch.manual_seed(0)
    model = VAE(4, 1).eval()
    model.decode = lambda z: z.repeat(1, 4)  # an identity-like decoder makes the codes visible
    first, second = torch.rand(1, 4), torch.rand(1, 4)
    rows = interpolate(model, first, second, steps=3)
    mu_a, mu_b = model.encode(first)[0].item(), model.encode(second)[0].item()
    assert rows[0, 1:4, 0].tolist() == pytest.approx([mu_a + t * (mu_b - mu_a) for t in (0.25, 0.5, 0.75)])


def test_choose_pairs_refuses_labels_without_a_pair():
    with pytest.raises(ValueError, match="no pair"):
        choose_pairs(torch.tensor([1, 2, 3]), same_digit=True)


def test_the_sweep_trains_one_model_per_latent_size(digits):
    _, train, test = digits
    steps = []
    sweep = latent_sweep(train, test, VAEConfig(train=FEW_STEPS), sizes=(2, 4),
                         on_step=lambda size, step, loss: steps.append((size, step)))
    assert [entry.latent_dim for entry in sweep] == [2, 4]
    assert steps[-1] == (4, 5) and len(steps) == 10
    assert len(sweep[1].codes.mean) == 4
