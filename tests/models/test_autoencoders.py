"""The reference autoencoders: a few training steps each (a smoke run), and the patch noise's laws."""

import numpy as np
import pytest
import torch

from gradekit.calc.denoising_autoencoder import add_patch_noise
from gradekit.data import load_digits_split
from gradekit.models.autoencoders import (KINDS, AutoencoderConfig, DenoiserConfig, default_patch, denoise,
                                          encode_and_reconstruct, evaluate_autoencoder, evaluate_denoiser,
                                          train_autoencoder, train_denoiser)
from gradekit.models.training import TrainConfig

FEW_STEPS = TrainConfig(steps=5, batch_size=16, eval_every=5)


@pytest.fixture(scope="module")
def digits():
    split = load_digits_split()
    return split, torch.from_numpy(split.train_images[:200]), torch.from_numpy(split.test_images[:50])


@pytest.mark.parametrize("kind", KINDS)
def test_each_autoencoder_trains_and_reports_its_metrics(digits, kind):
    split, train, test = digits
    trained = train_autoencoder(kind, train, test, AutoencoderConfig(train=FEW_STEPS))
    assert len(trained.history.train) == 5 and trained.history.test_steps == [5]
    codes, recon = encode_and_reconstruct(trained, test)
    assert recon.shape == test.shape and codes.shape[0] == len(test)
    metrics = evaluate_autoencoder(trained, train, test, split.train_labels[:200], split.test_labels[:50])
    assert 0 < metrics["test_mse"] < 1 and 0 <= metrics["probe_accuracy"] <= 1


def test_sparse_codes_are_relu_codes(digits):
    _, train, test = digits
    trained = train_autoencoder("sparse", train, test, AutoencoderConfig(train=FEW_STEPS))
    codes, _ = encode_and_reconstruct(trained, test)
    assert codes.shape == (50, 128) and bool((codes >= 0).all())


def test_the_conv_autoencoder_takes_colour_images():
    images = torch.rand(20, 8, 8, 3)
    trained = train_autoencoder("conv", images, images[:4], AutoencoderConfig(train=FEW_STEPS))
    assert encode_and_reconstruct(trained, images[:4])[1].shape == (4, 8, 8, 3)


def test_an_undercomplete_code_must_be_narrower_than_the_input():
    with pytest.raises(ValueError, match="code_dim < input_dim"):
        train_autoencoder("undercomplete", torch.rand(8, 2, 2), torch.rand(2, 2, 2),
                          AutoencoderConfig(code_dim=4, train=FEW_STEPS))


@pytest.mark.parametrize(("shape", "patch"), [((5, 8, 8), 4), ((3, 28, 28), 8), ((2, 5, 9), 5), ((4, 3, 3), 1)])
def test_patch_noise_changes_exactly_one_square_per_image(shape, patch):
    images = torch.rand(shape)
    noisy = add_patch_noise(images, patch, torch.Generator().manual_seed(0))
    for before, after in zip(images, noisy):
        rows, cols = torch.nonzero(before != after, as_tuple=True)
        assert len(rows) == patch * patch
        assert rows.max() - rows.min() + 1 == patch and cols.max() - cols.min() + 1 == patch


def test_patch_noise_is_seeded_and_leaves_its_input_alone():
    images = torch.rand(4, 8, 8)
    copy = images.clone()
    first = add_patch_noise(images, 4, torch.Generator().manual_seed(1))
    assert torch.equal(first, add_patch_noise(images, 4, torch.Generator().manual_seed(1)))
    assert torch.equal(images, copy)
    with pytest.raises(ValueError, match="patch must lie"):
        add_patch_noise(images, 9)


def test_the_denoiser_trains_and_is_measured_inside_and_outside_the_patch():
    images = torch.from_numpy(load_digits_split(side=16).train_images[:100])
    trained = train_denoiser(images, images[:10], DenoiserConfig(train=FEW_STEPS))
    noisy = add_patch_noise(images[:10], 4, torch.Generator().manual_seed(0))
    metrics = evaluate_denoiser(images[:10].numpy(), noisy.numpy(), denoise(trained.model, noisy).numpy())
    assert set(metrics) == {"psnr_patch_noisy", "psnr_patch_denoised", "psnr_gain", "psnr_outside_denoised"}
    assert np.isfinite(list(metrics.values())).all()


def test_default_patch_is_the_assignments_on_mnist_sizes():
    assert [default_patch(side) for side in (8, 16, 28, 32)] == [2, 4, 8, 8]
