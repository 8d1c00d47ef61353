"""The GAN library: synthetic faces, the face network, the metrics of samples, the training loops, the runners.

The problems' own tests (references full marks, wrong submissions lose their
points) are in tests/problems; these pin the pieces the grader and
``gradekit train`` share. Training here is a smoke run of a few steps.
"""

import json
import math

import numpy as np
import pytest
import torch

from gradekit.calc import cgan, dcgan, gan_losses, toy_gan
from gradekit.calc.mode_collapse import ring_centers
from gradekit.data.faces import ATTRIBUTES, make_faces
from gradekit.data.points import gaussian_ring
from gradekit.metrics.face_net import attribute_accuracy, load_face_net, train_face_net
from gradekit.metrics.image_fid import image_fid
from gradekit.metrics.samples import curve_distances, label_accuracy, mean_curve_distance, x_coverage
from gradekit.models.gans import CGANConfig, DCGANConfig, GANConfig, train_cgan, train_dcgan
from gradekit.models.toy_gan import RingConfig, ToyGANConfig, ring_metrics, train_ring_gan, train_toy_gan
from gradekit.runs.registry import train_model
from gradekit.runs.settings import RunSettings


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Small models on a shared CPU: a second thread only waits for the first (and the grader uses one)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def faces():
    return make_faces(400, seed=3)


# ---------------------------------------------------------------- data and the face network


def test_faces_are_the_same_for_a_seed_and_differ_for_another(faces):
    again = make_faces(400, seed=3)
    assert np.array_equal(again.images, faces.images)
    assert not np.array_equal(make_faces(400, seed=4).images, faces.images)


def test_faces_are_32x32_colour_on_white_with_every_attribute_value(faces):
    assert faces.images.shape == (400, 32, 32, 3) and faces.images.dtype == np.float32
    assert faces.images.min() >= 0 and faces.images.max() <= 1
    assert np.all(faces.images[:, 0, 0] == 1.0)  # the corners are background
    for name, values in ATTRIBUTES.items():
        assert set(faces.attributes[name].tolist()) == set(range(values))


def test_the_shipped_face_network_names_the_attributes_of_fresh_faces(faces):
    accuracy = attribute_accuracy(load_face_net(), faces.images, faces.attributes)
    assert min(accuracy.values()) > 0.95, accuracy


def test_face_network_training_is_determined_by_its_seed(faces):
    subset = {name: values[:32] for name, values in faces.attributes.items()}
    first, second = (train_face_net(faces.images[:32], subset, epochs=1, batch_size=16) for _ in range(2))
    assert all(torch.equal(a, b) for a, b in zip(first.state_dict().values(), second.state_dict().values()))


def test_face_fid_is_zero_for_one_set_and_small_for_fresh_faces_next_to_a_collapsed_set(faces):
    extract = load_face_net().features
    images = faces.images.transpose(0, 3, 1, 2)
    fresh = make_faces(400, seed=5).images.transpose(0, 3, 1, 2)
    collapsed = np.repeat(images[:1], 400, axis=0)
    assert image_fid(images, images, extract) == pytest.approx(0.0, abs=1e-6)
    assert image_fid(fresh, images, extract) < image_fid(collapsed, images, extract) / 20


def test_gaussian_ring_points_sit_near_their_modes():
    centers = ring_centers(8, 2.0)
    points, modes = gaussian_ring(4000, np.random.default_rng(0), centers, std=0.05)
    assert points.shape == (4000, 2) and set(modes.tolist()) == set(range(8))
    assert (points - centers[modes]).std() == pytest.approx(0.05, rel=0.05)


# ---------------------------------------------------------------- metrics of samples


def test_points_on_the_curve_are_at_distance_zero_and_off_it_at_their_distance():
    x = np.linspace(-1, 1, 101)
    assert curve_distances(np.stack([x, x ** 2], axis=1)).max() < 1e-3
    # (0, 0.5): |(t, t^2) - (0, 0.5)|^2 = t^4 + 0.25 is least at t = 0, so the distance is 0.5
    assert curve_distances(np.array([[0.0, 0.5], [0.0, -0.3]])) == pytest.approx([0.5, 0.3], abs=1e-6)


def test_uniform_x_covers_the_range_and_a_collapsed_generator_does_not():
    real = toy_gan.sample_data(2000, np.random.default_rng(0))
    assert x_coverage(real) == 1.0 and mean_curve_distance(real) < 1e-3
    assert x_coverage(np.tile([[0.5, 0.25]], (2000, 1))) == pytest.approx(1 / 20)
    assert x_coverage(np.tile([[3.0, 9.0]], (10, 1))) == 0.0  # outside the range, in no bin


def test_label_accuracy_counts_the_argmax():
    logits = lambda images: images.flatten(1)[:, :3]  # noqa: E731  "classify" by the first three pixels
    images = np.zeros((4, 1, 2, 2), np.float32)
    images[0, 0, 0, 0] = images[1, 0, 0, 1] = images[2, 0, 1, 0] = images[3, 0, 0, 0] = 1
    assert label_accuracy(images, np.array([0, 1, 2, 2]), logits) == 0.75


# ---------------------------------------------------------------- references shared by several problems


def test_the_dcgan_losses_are_the_gan_losses_problems_least_squares_losses():
    d_real, d_fake = torch.randn(5, 1), torch.randn(3, 1)
    assert torch.allclose(dcgan.discriminator_loss(d_real, d_fake), gan_losses.discriminator_ls_loss(d_real, d_fake))
    assert torch.allclose(dcgan.generator_loss(d_fake), gan_losses.generator_ls_loss(d_fake))


def test_the_toy_and_conditional_losses_are_the_bce_losses_of_the_gan_losses_problem():
    real, fake = 30 * torch.randn(5, 1), 30 * torch.randn(3, 1)
    for module in (toy_gan, cgan):
        assert torch.allclose(module.discriminator_loss(real, fake), gan_losses.discriminator_bce_loss(real, fake))
        assert torch.allclose(module.generator_loss(fake), gan_losses.generator_nonsaturating_loss(fake))


def test_the_dcgan_generator_follows_the_assignments_sides():
    images = dcgan.Generator(100, 4)(torch.randn(2, 100))
    assert images.shape == (2, 3, 32, 32) and images.abs().max() <= 1
    assert dcgan.Discriminator(4)(images).shape == (2, 1)


def test_the_sample_grid_row_k_is_the_generator_asked_for_k():
    torch.manual_seed(0)
    generator = cgan.Generator(8).eval()
    noise = torch.randn(3, 8)
    grid = cgan.sample_grid(generator, noise)
    assert grid.shape == (10, 3, 64)
    with torch.no_grad():
        assert torch.allclose(grid[7], generator(noise, torch.full((3,), 7)), atol=1e-6)


# ---------------------------------------------------------------- training loops (smoke runs)


def test_the_toy_gan_trains_and_snapshots_at_the_interval():
    config = ToyGANConfig(train=GANConfig(steps=40, batch_size=32, learning_rate=1e-3, optimizer="rmsprop",
                                          snapshot_every=20))
    trained, real = train_toy_gan(config)
    assert [step for step, _ in trained.snapshots] == [0, 20, 40]
    assert len(trained.history.d_loss) == len(trained.history.g_loss) == 40
    assert trained.snapshots[-1][1].shape == (config.snapshot_points, 2) and real.shape == (config.data_count, 2)


def test_the_image_gans_train_a_few_steps():
    images = torch.from_numpy(make_faces(8, seed=0).images.transpose(0, 3, 1, 2).copy()) * 2 - 1
    dc = train_dcgan(images, DCGANConfig(conv_dim=4, snapshot_count=4, train=GANConfig(steps=2, batch_size=4)))
    assert [tuple(s.shape) for _, s in dc.snapshots] == [(4, 3, 32, 32)] * 2
    rows, labels = 2 * torch.rand(20, 64) - 1, torch.arange(20) % 10
    conditional = train_cgan(rows, labels, CGANConfig(per_label=3, train=GANConfig(steps=2, batch_size=8)))
    assert conditional.snapshots[-1][1].shape == (10, 3, 64)
    assert all(math.isfinite(v) for v in conditional.history.g_loss)


def test_the_ring_gan_counts_modes_of_its_snapshots():
    config = RingConfig(pack=2, eval_points=200, train=GANConfig(steps=3, batch_size=16, snapshot_every=3))
    trained = train_ring_gan(config)
    metrics = ring_metrics(trained.snapshots[-1][1].numpy(), config)
    assert 0 <= metrics["modes"] <= 8 and 0 <= metrics["high_quality_fraction"] <= 1


# ---------------------------------------------------------------- gradekit train


FIGURES = {
    "toy-gan": ["losses.png", "samples.png", "feature_space.png"],
    "dcgan": ["losses.png", "samples.png", "snapshots/"],
    "cgan": ["samples_by_label.png", "losses.png"],
    "mode-collapse": ["rings.png", "modes.png"],
}


@pytest.mark.parametrize("model", sorted(FIGURES))
def test_a_short_gan_run_writes_its_metrics_and_figures(tmp_path, model):
    data = "faces:64" if model == "dcgan" else None
    metrics = train_model(model, RunSettings(out=tmp_path, steps=4, device="cpu", data=data), show_progress=False)
    assert metrics["figures"] == FIGURES[model]
    for name in FIGURES[model]:
        assert (tmp_path / name).exists()
    assert json.loads((tmp_path / "metrics.json").read_text())["model"] == model


def test_the_dcgan_run_snapshots_fixed_noise_and_reports_the_fid_of_3000_samples(tmp_path):
    metrics = train_model("dcgan", RunSettings(out=tmp_path, steps=3, device="cpu", data="faces:64"),
                          show_progress=False)
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == ["step_000000.png", "step_000003.png"]
    assert metrics["metrics"]["fid_samples"] == 3000 and metrics["metrics"]["fid"] > 0
    assert DCGANConfig().train.snapshot_every == 200 and DCGANConfig().train.steps == 20000  # the assignment's


def test_the_dcgan_trains_on_a_folder_of_rgba_pngs_like_the_emoji_set(tmp_path):
    from PIL import Image

    folder = tmp_path / "emoji"
    folder.mkdir()
    for index, face in enumerate(make_faces(12, seed=1).images):
        rgba = np.concatenate([face, (face.min(axis=-1, keepdims=True) < 1)], axis=-1)  # white is transparent
        Image.fromarray((255 * rgba).astype(np.uint8), mode="RGBA").save(folder / f"{index:02d}.png")
    metrics = train_model("dcgan", RunSettings(out=tmp_path / "out", steps=2, device="cpu", data=f"folder:{folder}"),
                          show_progress=False)
    assert metrics["data"] == f"folder:{folder}" and (tmp_path / "out" / "samples.png").exists()

