"""The reference CycleGAN: the networks' shapes, the losses, the image pool, the two domains, a smoke run."""

import numpy as np
import pytest
import torch
from PIL import Image

from gradekit.calc.cyclegan import (ImagePool, PatchDiscriminator, ResnetGenerator, cycle_consistency_loss,
                                    identity_loss)
from gradekit.data import DataError
from gradekit.data.domains import (folder_domains, in_red, in_white, load_domains, recoloured_digits, red_part,
                                   white_part)
from gradekit.models.cyclegan import CycleGANConfig, evaluate_translations, train_cyclegan, translate
from gradekit.models.signed_images import to_signed, to_unit


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Small tensors: one thread is fastest, and far faster than two on a busy machine."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def digits():
    return recoloured_digits(seed=0)


@pytest.mark.parametrize("side", [8, 16])
def test_the_generator_keeps_the_shape_in_range_and_the_discriminator_scores_patches(side):
    torch.manual_seed(0)
    x = 5 * torch.randn(2, 3, side, side)
    out = ResnetGenerator(3)(x)
    assert out.shape == x.shape and out.abs().max() <= 1
    assert PatchDiscriminator(3)(x).shape == (2, 1, side // 4, side // 4)


def test_the_identity_loss_is_half_the_cycle_loss_of_the_same_images():
    a, a_same, b, b_same = torch.randn(4, 2, 3, 4, 4)
    half_cycle = 0.5 * cycle_consistency_loss(a, a_same, b, b_same).item()
    assert identity_loss(a, a_same, b, b_same).item() == pytest.approx(half_cycle)
    assert identity_loss(a, a + 0.2, b, b - 0.2).item() == pytest.approx(2.0)


def test_the_pool_hands_back_its_first_images_then_swaps_about_half_for_older_ones():
    pool = ImagePool(10, torch.Generator().manual_seed(0))
    ids = torch.arange(400.0).view(100, 4, 1, 1, 1)  # 100 batches of 4 images, each image holding its id
    out = torch.cat([pool.query(batch) for batch in ids]).flatten()
    given = ids.flatten()
    assert torch.equal(out[:10], given[:10])
    swapped = out[10:] != given[10:]
    assert 150 < swapped.sum() < 240  # a fair coin over 390 images
    older = out[10:][swapped]
    assert (older < given[10:][swapped]).all() and len(older.unique()) == len(older)
    assert len(pool.images) == 10


def test_a_pool_of_size_zero_returns_its_batch():
    batch = torch.randn(3, 1, 2, 2)
    assert ImagePool(0).query(batch) is batch


def test_the_two_digit_domains_are_unpaired_in_training_and_paired_in_the_test(digits):
    white, red = digits.train_a, digits.train_b
    assert white.shape[1:] == red.shape[1:] == (8, 8, 3)
    assert np.all(white == white[..., :1]) and not red[..., 1:].any()
    white_digits = {image.tobytes() for image in white[..., 0]}
    assert not any(image.tobytes() in white_digits for image in red[..., 0])  # disjoint halves
    np.testing.assert_array_equal(white_part(digits.test_a), red_part(digits.test_b))
    assert digits.paired_test and len(digits.test_labels) == len(digits.test_a)


def test_the_true_translation_reads_as_its_digit_and_the_identity_does_not(digits):
    a, b = to_signed(digits.test_a), to_signed(digits.test_b)
    true = evaluate_translations({"a_to_b": b, "b_to_a": a, "a_cycled": a, "b_cycled": b}, digits)
    identity = evaluate_translations({"a_to_b": a, "b_to_a": b, "a_cycled": a, "b_cycled": b}, digits)
    assert true["cycle_error_a"] == true["cycle_error_b"] == 0
    assert min(true["accuracy_a_to_b"], true["accuracy_b_to_a"]) > 0.95
    assert max(identity["accuracy_a_to_b"], identity["accuracy_b_to_a"]) < 0.2


def test_signed_batches_and_unit_images_round_trip():
    images = np.random.default_rng(0).random((3, 8, 8, 3), dtype=np.float32)
    batch = to_signed(images)
    assert batch.shape == (3, 3, 8, 8) and batch.min() >= -1 and batch.max() <= 1
    np.testing.assert_allclose(to_unit(batch), images, atol=1e-6)
    np.testing.assert_allclose(to_unit(to_signed(images[..., 0])), images[..., 0], atol=1e-6)


def test_a_few_steps_train_and_translate(digits):
    config = CycleGANConfig(features=8, blocks=1, steps=3, batch_size=4)
    nets, history = train_cyclegan(to_signed(digits.train_a[:40]), to_signed(digits.train_b[:40]), config)
    assert len(history.cycle) == 3 and all(np.isfinite(history.generator))
    out = translate(nets, to_signed(digits.test_a[:5]), to_signed(digits.test_b[:5]))
    assert {name: tuple(batch.shape) for name, batch in out.items()} == dict.fromkeys(out, (5, 3, 8, 8))


def test_two_folders_of_pngs_make_two_unpaired_domains(tmp_path):
    rng = np.random.default_rng(0)
    for domain in ("horses", "zebras"):
        (tmp_path / domain).mkdir()
        for i in range(10):
            Image.fromarray(rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)).save(tmp_path / domain / f"{i}.png")
    pair = load_domains(f"folders:{tmp_path / 'horses'},{tmp_path / 'zebras'}")
    assert pair.train_a.shape == (9, 8, 8, 3) and pair.test_b.shape == (1, 8, 8, 3) and not pair.paired_test
    with pytest.raises(DataError):
        folder_domains(tmp_path / "horses", tmp_path / "missing")


@pytest.mark.parametrize("spec", ["folders:only-one", "digits:eight", "photos"])
def test_unknown_domain_specs_are_refused(spec):
    with pytest.raises(ValueError):
        load_domains(spec)


def test_each_colour_shows_its_digit_only_in_its_own_part():
    grey = np.array([[[0.0, 0.5], [1.0, 0.25]]], np.float32)
    white, red = in_white(grey), in_red(grey)
    assert white.shape == red.shape == (1, 2, 2, 3)
    np.testing.assert_array_equal(white_part(white), grey)
    np.testing.assert_array_equal(red_part(red), grey)
    assert not white_part(red).any() and not red_part(white).any()


def test_the_train_command_translates_both_ways_and_scores_the_translations(tmp_path):
    from gradekit.runs.registry import train_model
    from gradekit.runs.settings import RunSettings

    metrics = train_model("cyclegan", RunSettings(out=tmp_path, steps=2, device="cpu"), show_progress=False)
    assert metrics["figures"] == ["loss_curves.png", "translations.png"] and metrics["domains"] == "white/red digits"
    assert set(metrics["metrics"]) == {"cycle_error_a", "cycle_error_b", "accuracy_a_to_b", "accuracy_b_to_a"}
    assert all((tmp_path / name).stat().st_size > 1000 for name in metrics["figures"])
