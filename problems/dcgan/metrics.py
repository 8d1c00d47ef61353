"""The trained generator's FID, computed outside the sandbox from the harness's replies.

The harness trains the student's DCGAN with the student's losses on faces
made here, then maps noise drawn here through the generator as it was at a
few late steps; the features (``gradekit.metrics.face_net``, a CNN trained
to name the faces' attributes) and the Fréchet distance are computed here.
"""

from functools import lru_cache

import numpy as np

from gradekit.data.faces import make_faces
from gradekit.grading.api import CheckFailed, expect_tensor, expect_true, tensor
from gradekit.grading.op_traces import expect_returned_by_last_layer
from gradekit.grading.problem import problem_here
from gradekit.grading.training_runs import expect_full_run
from gradekit.metrics.face_net import load_face_net
from gradekit.metrics.frechet import feature_statistics, frechet_distance
from gradekit.metrics.image_fid import extract_features

PROBLEM = problem_here(__file__)
TRAINING = PROBLEM.training
IMAGE_SHAPE = (3, 32, 32)


@lru_cache(maxsize=1)
def training_faces(data_seed: int) -> np.ndarray:
    """The training images (N, 3, 32, 32) in [0, 1]."""
    return np.ascontiguousarray(make_faces(TRAINING.faces, seed=data_seed).images.transpose(0, 3, 1, 2))


@lru_cache(maxsize=1)
def face_statistics(data_seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and covariance of the face network's features of the training faces (computed once)."""
    return feature_statistics(extract_features(training_faces(data_seed).transpose(0, 2, 3, 1),
                                               load_face_net().features))


def fid_to_training_faces(images: np.ndarray) -> float:
    """FID of images (N, 3, 32, 32) in [0, 1] against the training faces, on the face network's features."""
    mu, sigma = feature_statistics(extract_features(np.asarray(images, np.float32).transpose(0, 2, 3, 1),
                                                    load_face_net().features))
    return frechet_distance(mu, sigma, *face_statistics(TRAINING.data_seed))


def noise(seed: int, count: int) -> np.ndarray:
    """The noise the generator is asked about: N(0, I), drawn here."""
    rng = np.random.default_rng(10_000 + seed)  # never the training stream
    return rng.standard_normal((count, TRAINING.noise_dim)).astype(np.float32)


def expect_images_before_training(student) -> None:
    """An untrained generator's images must have the statement's shape, be finite (NaN never trains away) and
    be what its last layer computed: else no FID of the trained generator could count, and training first
    would only spend the time budget."""
    trace = student.harness("harness:generator_trace", TRAINING.noise_dim, TRAINING.conv_dim, 0, tensor(noise(0, 4)))
    what = f"the untrained Generator(noise_dim={TRAINING.noise_dim}, conv_dim={TRAINING.conv_dim})'s images"
    if not isinstance(trace, dict):
        raise CheckFailed(f"the harness could not trace {what}")
    images = expect_tensor(trace.get("images"), what, shape=(4, *IMAGE_SHAPE))
    expect_true(bool(np.isfinite(images.array).all()), f"{what} are not finite")
    expect_returned_by_last_layer(trace.get("ops"), images.array, what)


def measure(student, seed: int = TRAINING.seed) -> dict[str, float]:
    """Train in the sandbox, then the best FID of the generator's last snapshots against the training faces.

    A GAN this early in training oscillates: its FID can double from one
    snapshot to the next (design_runs.json), so the grader keeps the best of
    the last few, as a student keeps the best of the snapshots the assignment saves.
    """
    expect_images_before_training(student)
    reply = student.harness("harness:train", images=2 * training_faces(TRAINING.data_seed) - 1, seed=seed,
                            **TRAINING.as_kwargs("noise_dim", "conv_dim", "steps", "batch_size", "learning_rate",
                                                 "betas", "snapshot_steps", "runaway_seconds"))
    run = expect_full_run(reply, TRAINING.steps, "training the DCGAN")
    fids = []
    for step in TRAINING.snapshot_steps:
        what = f"the generator's images after step {step}"
        images = expect_tensor(student.harness("harness:trained_generate", noise(seed, TRAINING.samples), step), what,
                               shape=(TRAINING.samples, *IMAGE_SHAPE)).array.astype(np.float32)
        expect_true(bool(np.isfinite(images).all()), f"{what} are not finite")
        fids.append(fid_to_training_faces(np.clip((images + 1) / 2, 0, 1)))  # tanh's [-1, 1] to [0, 1]
    return {"fid": min(fids), "fids": fids, "steps": run.steps, "train_seconds": run.seconds}


def baselines() -> dict[str, float]:
    """What other image sets score: fresh faces, one face repeated (total collapse), the mean face."""
    faces = training_faces(TRAINING.data_seed)
    count = TRAINING.samples
    return {"fresh_faces": fid_to_training_faces(make_faces(count, seed=12345).images.transpose(0, 3, 1, 2)),
            "one_face_repeated": fid_to_training_faces(np.repeat(faces[:1], count, axis=0)),
            "mean_face_repeated": fid_to_training_faces(np.repeat(faces.mean(axis=0, keepdims=True), count, axis=0))}
