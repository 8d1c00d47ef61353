"""``gradekit train``: a few steps of each model write metrics.json and the figures."""

import json

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.runs.registry import train_model
from gradekit.runs.settings import RunSettings
from gradekit.runs.summary import summary_table

FIGURES = {
    "autoencoder": ["loss_curves.png", "reconstructions.png"],
    "dae": ["loss_curves.png", "denoising.png"],
    "vae": ["loss_curves.png", "sweep_loss_curves.png", "reconstructions.png", "samples.png",
            "interpolation_same_digit.png", "interpolation_different_digits.png"],
}


@pytest.mark.parametrize("model", sorted(FIGURES))
def test_a_short_run_writes_its_metrics_and_figures(tmp_path, model):
    metrics = train_model(model, RunSettings(out=tmp_path, steps=3, device="cpu"), show_progress=False)
    assert metrics["figures"] == FIGURES[model]
    for name in FIGURES[model]:
        assert (tmp_path / name).stat().st_size > 1000
    assert json.loads((tmp_path / "metrics.json").read_text())["model"] == model
    assert metrics["device"] == "cpu" and metrics["torch_threads"] == 1


def test_the_vae_run_reports_the_sweep_and_the_chosen_pairs(tmp_path):
    metrics = train_model("vae", RunSettings(out=tmp_path, steps=2, device="cpu", latent=3), show_progress=False)
    assert [entry["latent_dim"] for entry in metrics["sweep"]] == [2, 3, 4, 8, 16, 32, 64]
    assert all(len(entry["mean"]) == entry["latent_dim"] == len(entry["variance"]) for entry in metrics["sweep"])
    assert len(metrics["interpolation_pairs"]["same_digit"]) == 10


def test_the_dae_defaults_to_the_graders_16x16_digits_and_4x4_patch(tmp_path):
    metrics = train_model("dae", RunSettings(out=tmp_path, steps=2), show_progress=False)
    assert metrics["data"] == "digits:16" and metrics["config"]["patch"] == 4


def test_a_folder_of_colour_pngs_trains_without_labels(tmp_path):
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    for i in range(12):
        Image.fromarray(rng.integers(0, 256, (8, 8, 4), dtype=np.uint8), "RGBA").save(tmp_path / f"{i}.png")
    metrics = train_model("autoencoder", RunSettings(out=tmp_path / "out", data=f"folder:{tmp_path}", steps=2),
                          show_progress=False)
    assert "probe_accuracy" not in metrics["metrics"]["conv"] and "raw_pixel_probe_accuracy" not in metrics["metrics"]
    assert (tmp_path / "out" / "reconstructions.png").exists()


def test_summary_tables_have_a_row_per_model():
    vae = {"model": "vae", "data": "digits", "sweep": [{"latent_dim": 2, "negative_elbo": 25.0, "mean": [0, 0]}]}
    dae = {"model": "dae", "data": "digits:16", "metrics": {"psnr_gain": 9.0, "psnr_outside_denoised": 22.0}}
    autoencoder = {"model": "autoencoder", "data": "digits",
                   "metrics": {"sparse": {"test_mse": 0.01}, "conv": {"test_mse": 0.02}, "raw_pixel_probe_accuracy": 0.9}}
    assert [summary_table(m).row_count for m in (vae, dae, autoencoder)] == [1, 1, 2]
    assert len(summary_table(vae).columns) == 3  # the name, latent_dim and negative_elbo; lists are left out


def test_epochs_count_passes_over_the_training_set():
    assert RunSettings(out=None, epochs=2).steps_for(1437, 64, default=10) == 45
    assert RunSettings(out=None, steps=7).steps_for(1437, 64, default=10) == 7


def test_the_command_line_names_missing_mnist_files(tmp_path):
    result = CliRunner().invoke(app, ["train", "vae", "--out", str(tmp_path / "out"), "--data", f"mnist:{tmp_path}"])
    assert result.exit_code == 2
    assert "train-images-idx3-ubyte" in result.output


def test_the_command_line_trains(tmp_path):
    result = CliRunner().invoke(app, ["train", "dae", "--out", str(tmp_path), "--steps", "2", "--device", "cpu"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "denoising.png").exists()
