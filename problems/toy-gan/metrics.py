"""The trained generator's metrics, computed outside the sandbox from the harness's replies.

The harness trains the student's GAN with the student's losses on real
points drawn here, then maps noise drawn here through the trained generator;
the distances to the curve and the coverage of the x-range are computed here.
"""

import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np

from gradekit.calc.toy_gan import X_RANGE, sample_data
from gradekit.grading.api import expect_array, expect_tensor, expect_true
from gradekit.models.gan_evaluation import mean_curve_distance, x_coverage

CONFIG = tomllib.loads((Path(__file__).parent / "problem.toml").read_text())
TRAINING, THRESHOLDS = CONFIG["training"], CONFIG["metrics"]


@lru_cache(maxsize=1)
def real_points(data_seed: int) -> np.ndarray:
    """The training pool: (pool, 2) points of the curve, float32."""
    return sample_data(TRAINING["pool"], np.random.default_rng(data_seed)).astype(np.float32)


def noise(seed: int) -> np.ndarray:
    """The noise the trained generator is asked about: uniform on [-1, 1]^noise_dim, drawn here."""
    rng = np.random.default_rng(10_000 + seed)  # never the training stream
    return rng.uniform(-1, 1, (TRAINING["samples"], TRAINING["noise_dim"])).astype(np.float32)


def measure(student, seed: int = TRAINING["seed"]) -> dict[str, float]:
    """Train in the sandbox, then the mean distance to the curve and the x-coverage of generated points."""
    run = student.harness("harness:train", real_points(TRAINING["data_seed"]), TRAINING["noise_dim"],
                          TRAINING["hidden"], TRAINING["steps"], TRAINING["batch_size"],
                          TRAINING["learning_rate"], seed, TRAINING["seconds"])
    losses = expect_array(run["g_losses"], "the generator's training losses", ndim=1)
    expect_true(len(losses) > 0, "training took no step within the time budget")
    points = expect_tensor(student.harness("harness:trained_generate", noise(seed)), "the trained generator's points",
                           shape=(TRAINING["samples"], 2)).array.astype(np.float64)
    expect_true(bool(np.isfinite(points).all()), "the trained generator gives points that are not finite")
    return {"curve_distance": mean_curve_distance(points), "x_coverage": x_coverage(points),
            "steps": len(losses), "train_seconds": float(run["seconds"])}


def baselines() -> dict[str, dict[str, float]]:
    """What trivial generators score: uniform points over the data's bounding box, and one point of the curve."""
    rng = np.random.default_rng(0)
    box = np.stack([rng.uniform(*X_RANGE, TRAINING["samples"]), rng.uniform(0, 1, TRAINING["samples"])], axis=1)
    collapsed = np.tile([[0.5, 0.25]], (TRAINING["samples"], 1))
    return {name: {"curve_distance": mean_curve_distance(p), "x_coverage": x_coverage(p)}
            for name, p in (("uniform_box", box), ("one_point_on_the_curve", collapsed))}
