"""The trained model's metrics on held-out digits, computed outside the sandbox from the harness's replies.

The held-out digits are corrupted here, with the reference's add_patch_noise,
so every submission is measured on the same noisy images; the harness only
returns the student's model's clean estimates of them.
"""

from functools import lru_cache

import numpy as np
import torch

from gradekit.calc.denoising_autoencoder import add_patch_noise
from gradekit.data import load_digits_split
from gradekit.grading.api import Figure, expect_tensor, expect_true, image_rows
from gradekit.grading.problem import problem_here
from gradekit.grading.training_runs import expect_full_run
from gradekit.models.autoencoders import evaluate_denoiser

PROBLEM = problem_here(__file__)
TRAINING = PROBLEM.training


@lru_cache(maxsize=1)
def digits(data_seed: int, side: int, patch: int, noise_seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Training digits, held-out digits, and the held-out digits with one noisy patch each: (N, side, side)."""
    split = load_digits_split(seed=data_seed, side=side)
    noisy = add_patch_noise(torch.from_numpy(split.test_images), patch, torch.Generator().manual_seed(noise_seed))
    return split.train_images, split.test_images, noisy.numpy()


def measure(student, seed: int = TRAINING.seed) -> dict[str, float]:
    """Train in the sandbox, then PSNR inside the held-out patches before and after denoising, and outside them."""
    train, clean, noisy = digits(TRAINING.data_seed, TRAINING.side, TRAINING.patch, TRAINING.noise_seed)
    settings = TRAINING.as_kwargs("patch", "steps", "batch_size", "learning_rate", "runaway_seconds", seed=seed)
    run = expect_full_run(student.harness("harness:train", images=train, **settings), TRAINING.steps,
                          "training the denoiser")
    denoised = expect_tensor(student.harness("harness:trained_denoise", noisy), "the trained model's output",
                             shape=(len(clean), clean[0].size)).array.reshape(clean.shape)
    expect_true(bool(np.isfinite(denoised).all()), "the trained model's output is not finite")
    return {**evaluate_denoiser(clean, noisy, denoised), "steps": run.steps, "train_seconds": run.seconds}


def baselines() -> dict[str, float]:
    """Two trivial denoisers: return the noisy image as it is; fill every image with the mean training digit."""
    train, clean, noisy = digits(TRAINING.data_seed, TRAINING.side, TRAINING.patch, TRAINING.noise_seed)
    mean_digit = np.broadcast_to(train.mean(axis=0), clean.shape)
    identity, mean = evaluate_denoiser(clean, noisy, noisy), evaluate_denoiser(clean, noisy, mean_digit)
    return {"identity_psnr_gain": identity["psnr_gain"], "mean_digit_psnr_gain": mean["psnr_gain"],
            "mean_digit_psnr_outside": mean["psnr_outside_denoised"]}


FIGURE_DIGITS = 10  # held-out digits drawn for the student's feedback


def denoising_figure(student) -> Figure:
    """The first held-out digits clean, with the grader's noisy patch, and as the trained model denoises them."""
    _, clean, noisy = digits(TRAINING.data_seed, TRAINING.side, TRAINING.patch, TRAINING.noise_seed)
    clean, noisy = clean[:FIGURE_DIGITS], noisy[:FIGURE_DIGITS]
    denoised = expect_tensor(student.harness("harness:trained_denoise", noisy), "the trained model's output",
                             shape=(len(clean), clean[0].size)).array.reshape(clean.shape)
    return image_rows("denoised", "Held-out digits: clean (top row), with the grader's noisy patch (middle), "
                                  "and as your trained model denoises them (bottom)", [clean, noisy, denoised])
