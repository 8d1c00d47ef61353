"""The trained model's sample quality, computed outside the sandbox from the harness's replies.

The harness trains the student's UNet with the student's ddpm_loss on the
digits (the steps and noise drawn by the harness) and samples it with the
student's ``sample``; the domain FID of those samples against the held-out
digits is computed here, with the digit feature network.
"""

from functools import lru_cache

import numpy as np

from gradekit.data import load_digits_split
from gradekit.grading.api import expect_tensor, expect_true
from gradekit.grading.training_runs import expect_full_run
from gradekit.metrics.image_fid import feature_extractor, image_fid

from .strategies import ALPHA_BAR, PROBLEM, TRAINING


@lru_cache(maxsize=1)
def digits(data_seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Training digits as (N, 1, 8, 8) in [−1, 1], and the held-out digits (M, 8, 8) in [0, 1]."""
    split = load_digits_split(seed=data_seed, side=TRAINING.side)
    return (split.train_images[:, None] * 2 - 1).astype(np.float32), split.test_images


def digit_fid(images: np.ndarray, reference: np.ndarray) -> float:
    """FID between two sets of images (N, H, W) in [0, 1] under the digit feature network."""
    return image_fid(images, reference, feature_extractor("digits"))


def measure(student, seed: int = TRAINING.seed) -> dict[str, float]:
    """Train in the sandbox, sample with the student's sampler, and the FID of the samples to held-out digits."""
    train_images, test_images = digits(TRAINING.data_seed)
    settings = TRAINING.as_kwargs("steps", "batch_size", "learning_rate", "ema_decay", "runaway_seconds", seed=seed)
    run = expect_full_run(student.harness("harness:train", images=train_images,
                                          alpha_bar=ALPHA_BAR.astype(np.float32), **settings),
                          TRAINING.steps, "training the UNet")
    shape = (TRAINING.samples, 1, TRAINING.side, TRAINING.side)
    samples = student.harness("harness:trained_samples", TRAINING.samples, TRAINING.side,
                              TRAINING.sampling_steps, seed)
    samples = expect_tensor(samples, "the trained model's samples", shape=shape).array.astype(np.float64)
    expect_true(bool(np.isfinite(samples).all()), "the trained model's samples hold values that are not finite")
    images = np.clip((samples[:, 0] + 1) / 2, 0, 1).astype(np.float32)  # [−1, 1] → [0, 1]
    return {"fid": digit_fid(images, test_images), "final_loss": float(np.mean(run.losses["losses"][-50:])),
            "steps": run.steps, "train_seconds": run.seconds}


def baselines() -> dict[str, float]:
    """FIDs that frame the threshold: training digits themselves, and uniform noise, against the held-out digits."""
    train_images, test_images = digits(TRAINING.data_seed)
    count = TRAINING.samples
    real = (train_images[:count, 0] + 1) / 2
    noise = np.random.default_rng(0).random((count, *test_images.shape[1:]), dtype=np.float32)
    return {"fid_training_digits": digit_fid(real, test_images), "fid_uniform_noise": digit_fid(noise, test_images)}
