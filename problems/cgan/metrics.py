"""The trained generator's metrics, computed outside the sandbox from the harness's replies.

The harness trains the student's conditional GAN with the student's losses on
the training digits, then maps noise and labels chosen here through the
trained generator; the digit network (``gradekit.metrics.digit_net``) then
names the digit of each sample and gives the features of the FID, here.
"""

import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np

from gradekit.data import load_digits_split
from gradekit.grading.api import expect_array, expect_tensor, expect_true
from gradekit.metrics.digit_net import load_digit_net
from gradekit.models.gan_evaluation import image_fid, label_accuracy

CONFIG = tomllib.loads((Path(__file__).parent / "problem.toml").read_text())
TRAINING, THRESHOLDS = CONFIG["training"], CONFIG["metrics"]
PIXELS = 64


@lru_cache(maxsize=1)
def training_digits(data_seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The training digits as images (N, 1, 8, 8) in [0, 1] and their labels (N,)."""
    split = load_digits_split(seed=data_seed)
    return split.train_images[:, None], split.train_labels


def requests(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The noise (N, noise_dim), drawn here, and the labels asked for: every digit ``per_label`` times."""
    rng = np.random.default_rng(10_000 + seed)  # never the training stream
    labels = np.repeat(np.arange(10), TRAINING["per_label"])
    return rng.standard_normal((len(labels), TRAINING["noise_dim"])).astype(np.float32), labels


def measure(student, seed: int = TRAINING["seed"]) -> dict[str, float]:
    """Train in the sandbox, then the digit network's accuracy on the asked-for labels and the digit FID."""
    images, labels = training_digits(TRAINING["data_seed"])
    rows = (2 * images.reshape(len(images), PIXELS) - 1).astype(np.float32)
    run = student.harness("harness:train", rows, labels, TRAINING["noise_dim"], TRAINING["steps"],
                          TRAINING["batch_size"], TRAINING["learning_rate"], TRAINING["betas"], seed,
                          TRAINING["seconds"])
    losses = expect_array(run["g_losses"], "the generator's training losses", ndim=1)
    expect_true(len(losses) > 0, "training took no step within the time budget")
    z, asked = requests(seed)
    samples = expect_tensor(student.harness("harness:trained_generate", z, asked), "the trained generator's images",
                            shape=(len(asked), PIXELS)).array.astype(np.float32)
    expect_true(bool(np.isfinite(samples).all()), "the trained generator's images are not finite")
    generated = np.clip((samples + 1) / 2, 0, 1).reshape(-1, 1, 8, 8)  # tanh's [-1, 1] back to pixels in [0, 1]
    net = load_digit_net()
    return {"label_accuracy": label_accuracy(generated, asked, net), "fid": image_fid(generated, images, net.features),
            "steps": len(losses), "train_seconds": float(run["seconds"])}


def baselines() -> dict[str, dict[str, float]]:
    """What other digit sets score: the held-out digits, and one training digit of each label repeated (collapse)."""
    images, labels = training_digits(TRAINING["data_seed"])
    split = load_digits_split(seed=TRAINING["data_seed"])
    held_out, held_labels = split.test_images[:, None], split.test_labels
    firsts = np.array([np.flatnonzero(labels == k)[0] for k in range(10)])
    collapsed = np.repeat(images[firsts], TRAINING["per_label"], axis=0)
    collapsed_labels = np.repeat(np.arange(10), TRAINING["per_label"])
    net = load_digit_net()
    return {name: {"label_accuracy": label_accuracy(x, y, net), "fid": image_fid(x, images, net.features)}
            for name, x, y in (("held_out_digits", held_out, held_labels),
                               ("one_digit_per_label", collapsed, collapsed_labels))}
