"""The trained generator's metrics, computed outside the sandbox from the harness's replies.

The harness trains the student's GAN with the student's losses on real
points drawn here, then maps noise drawn here through the trained generator;
the distances to the curve, the spread and the coverage of the x-range are
computed here.
"""

from functools import lru_cache

import numpy as np

from gradekit.calc.toy_gan import X_RANGE, sample_data
from gradekit.grading.api import CheckFailed, expect_tensor, expect_true, tensor
from gradekit.grading.op_traces import expect_returned_by_last_layer
from gradekit.grading.problem import problem_here
from gradekit.grading.training_runs import expect_full_run
from gradekit.metrics.samples import COVERAGE_BINS, COVERAGE_MIN_SHARE, curve_distances

NEAR = 0.1  # a generated point counts towards covering the curve when it lies this close to it

PROBLEM = problem_here(__file__)
TRAINING = PROBLEM.training


@lru_cache(maxsize=1)
def real_points(data_seed: int) -> np.ndarray:
    """The training pool: (pool, 2) points of the curve, float32."""
    return sample_data(TRAINING.pool, np.random.default_rng(data_seed)).astype(np.float32)


def noise(seed: int) -> np.ndarray:
    """The noise the trained generator is asked about: uniform on [-1, 1]^noise_dim, drawn here."""
    rng = np.random.default_rng(10_000 + seed)  # never the training stream
    return rng.uniform(-1, 1, (TRAINING.samples, TRAINING.noise_dim)).astype(np.float32)


def expect_points_before_training(student) -> None:
    """An untrained generator's points must be (B, 2), finite and what its output layer computed: else no
    metric of the trained generator could count, and training first would only spend the time budget."""
    z = noise(0)[:5]
    trace = student.harness("harness:generator_trace", TRAINING.noise_dim, list(TRAINING.hidden), 0, tensor(z))
    what = f"the untrained Generator(noise_dim={TRAINING.noise_dim}, hidden={tuple(TRAINING.hidden)})'s points"
    if not isinstance(trace, dict):
        raise CheckFailed(f"the harness could not trace {what}")
    points = expect_tensor(trace.get("output"), what, shape=(5, 2))
    expect_true(bool(np.isfinite(points.array).all()), f"{what} are not finite")
    expect_returned_by_last_layer(trace.get("ops"), points.array, what)


def measure(student, seed: int = TRAINING.seed) -> dict[str, float]:
    """Train in the sandbox, then the curve distance, x-spread and x-coverage of generated points."""
    expect_points_before_training(student)
    reply = student.harness("harness:train", real_points=real_points(TRAINING.data_seed), seed=seed,
                            **TRAINING.as_kwargs("noise_dim", "hidden", "steps", "batch_size", "learning_rate",
                                                 "runaway_seconds"))
    run = expect_full_run(reply, TRAINING.steps, "training the GAN")
    points = expect_tensor(student.harness("harness:trained_generate", noise(seed)), "the trained generator's points",
                           shape=(TRAINING.samples, 2)).array.astype(np.float64)
    expect_true(bool(np.isfinite(points).all()), "the trained generator gives points that are not finite")
    return {**point_metrics(points), "steps": run.steps, "train_seconds": run.seconds}


def point_metrics(points: np.ndarray) -> dict[str, float]:
    """How near the curve the points lie, how widely their x spreads, and how evenly the points near the
    curve cover its x-range [-1, 1]."""
    distances = curve_distances(points)
    return {"curve_distance": float(distances.mean()), "x_spread": float(np.std(points[:, 0])),
            "x_coverage": curve_coverage(points, distances)}


def curve_coverage(points: np.ndarray, distances: np.ndarray) -> float:
    """The share of 20 equal bins of x in [-1, 1] holding a quarter of a uniform x's share of all the points,
    counting only points within ``NEAR`` of the curve: points spread anywhere (noise) cover nothing."""
    near = points[distances <= NEAR, 0]
    counts, _ = np.histogram(near, bins=COVERAGE_BINS, range=X_RANGE)
    return float(np.mean(counts >= COVERAGE_MIN_SHARE * len(points) / COVERAGE_BINS))


def baselines() -> dict[str, dict[str, float]]:
    """What trivial generators score: uniform points over the data's box, normal noise, one point of the curve,
    the data mean, and fresh real points."""
    rng = np.random.default_rng(0)
    count = TRAINING.samples
    box = np.stack([rng.uniform(*X_RANGE, count), rng.uniform(0, 1, count)], axis=1)
    return {name: point_metrics(points) for name, points in (
        ("uniform_box", box), ("standard_normal", rng.standard_normal((count, 2))),
        ("one_point_on_the_curve", np.tile([[0.5, 0.25]], (count, 1))),
        ("data_mean", np.tile(real_points(TRAINING.data_seed).mean(axis=0), (count, 1))),
        ("fresh_real_points", sample_data(count, rng)))}
