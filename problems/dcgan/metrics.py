"""The trained generator's FID, computed outside the sandbox from the harness's replies.

The harness trains the student's DCGAN with the student's losses on faces
made here, then maps noise drawn here through the trained generator; the
features (``gradekit.metrics.face_net``, a CNN trained to name the faces'
attributes) and the Fréchet distance are computed here.
"""

import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np

from gradekit.data.faces import make_faces
from gradekit.grading.api import expect_array, expect_tensor, expect_true
from gradekit.metrics.face_net import load_face_net
from gradekit.models.gan_evaluation import image_fid

CONFIG = tomllib.loads((Path(__file__).parent / "problem.toml").read_text())
TRAINING, THRESHOLDS = CONFIG["training"], CONFIG["metrics"]
IMAGE_SHAPE = (3, 32, 32)


@lru_cache(maxsize=1)
def training_faces(data_seed: int) -> np.ndarray:
    """The training images (N, 3, 32, 32) in [0, 1]."""
    return np.ascontiguousarray(make_faces(TRAINING["faces"], seed=data_seed).images.transpose(0, 3, 1, 2))


def noise(seed: int) -> np.ndarray:
    """The noise the trained generator is asked about: N(0, I), drawn here."""
    rng = np.random.default_rng(10_000 + seed)  # never the training stream
    return rng.standard_normal((TRAINING["samples"], TRAINING["noise_dim"])).astype(np.float32)


def measure(student, seed: int = TRAINING["seed"]) -> dict[str, float]:
    """Train in the sandbox, then the best FID of the generator's last snapshots against the training faces.

    A GAN this early in training oscillates: its FID can double from one
    snapshot to the next (reference_runs.json), so the grader keeps the best
    of the last few, as a student keeps the best of the snapshots the
    assignment saves.
    """
    faces = training_faces(TRAINING["data_seed"])
    run = student.harness("harness:train", 2 * faces - 1, TRAINING["noise_dim"], TRAINING["conv_dim"],
                          TRAINING["steps"], TRAINING["batch_size"], TRAINING["learning_rate"], TRAINING["betas"],
                          seed, TRAINING["seconds"], TRAINING["snapshot_steps"])
    losses = expect_array(run["g_losses"], "the generator's training losses", ndim=1)
    taken = run["snapshot_steps"]
    expect_true(isinstance(taken, list) and len(taken) > 0,
                f"training took {len(losses)} steps within the time budget, too few to reach a snapshot "
                f"(iterations {TRAINING['snapshot_steps']})")
    extract = load_face_net().features
    fids = []
    for index, step in enumerate(taken):
        what = f"the generator's images after iteration {step}"
        images = expect_tensor(student.harness("harness:trained_generate", noise(seed), index), what,
                               shape=(TRAINING["samples"], *IMAGE_SHAPE)).array.astype(np.float32)
        expect_true(bool(np.isfinite(images).all()), f"{what} are not finite")
        fids.append(image_fid(np.clip((images + 1) / 2, 0, 1), faces, extract))  # tanh's [-1, 1] to [0, 1]
    return {"fid": min(fids), "fids": fids, "steps": len(losses), "train_seconds": float(run["seconds"])}


def baselines() -> dict[str, float]:
    """What other image sets score: fresh faces, one face repeated (total collapse), the mean face."""
    faces = training_faces(TRAINING["data_seed"])
    fresh = make_faces(TRAINING["samples"], seed=12345).images.transpose(0, 3, 1, 2)
    count = TRAINING["samples"]
    extract = load_face_net().features
    return {"fresh_faces": image_fid(fresh, faces, extract),
            "one_face_repeated": image_fid(np.repeat(faces[:1], count, axis=0), faces, extract),
            "mean_face_repeated": image_fid(np.repeat(faces.mean(axis=0, keepdims=True), count, axis=0), faces,
                                            extract)}
