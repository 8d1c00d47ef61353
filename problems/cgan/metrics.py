"""The trained generator's metrics, computed outside the sandbox from the harness's replies.

The harness trains the student's conditional GAN with the student's losses on
the training digits, then maps noise and labels chosen here through the
trained generator; the digit network (``gradekit.metrics.digit_net``) then
names the digit of each sample and gives the features of the FID, here.
"""

from functools import lru_cache

import numpy as np

from gradekit.data import load_digits_split
from gradekit.grading.api import expect_tensor, expect_true, tensor
from gradekit.grading.problem import problem_here
from gradekit.grading.training_runs import expect_full_run
from gradekit.metrics.digit_net import load_digit_net
from gradekit.models.gan_evaluation import image_fid, label_accuracy

PROBLEM = problem_here(__file__)
TRAINING = PROBLEM.training
PIXELS = 64


@lru_cache(maxsize=1)
def training_digits(data_seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The training digits as images (N, 1, 8, 8) in [0, 1] and their labels (N,)."""
    split = load_digits_split(seed=data_seed)
    return split.train_images[:, None], split.train_labels


def requests(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The noise (N, noise_dim), drawn here, and the labels asked for: every digit ``per_label`` times."""
    rng = np.random.default_rng(10_000 + seed)  # never the training stream
    labels = np.repeat(np.arange(10), TRAINING.per_label)
    return rng.standard_normal((len(labels), TRAINING.noise_dim)).astype(np.float32), labels


def expect_images_before_training(student) -> None:
    """An untrained generator's images must be rows of 64 pixels, finite, and made by its weights: else no
    metric of the trained generator could count, and training first would only spend the time budget."""
    from .public_checks import expect_made_by_the_weights  # the kit's own helper (no reference in it)

    z, labels = requests(0)
    what = f"the untrained Generator(noise_dim={TRAINING.noise_dim}, num_classes=10)'s images"
    reply = student.harness("harness:generate", TRAINING.noise_dim, 0, tensor(z[:6]),
                            [tensor(labels[::100][:6], dtype="int64")])
    (images,) = expect_made_by_the_weights(reply, "images", what, (6, PIXELS))
    expect_true(bool(np.isfinite(images).all()), f"{what} are not finite")


def measure(student, seed: int = TRAINING.seed) -> dict[str, float]:
    """Train in the sandbox, then the digit network's accuracy on the asked-for labels and the digit FID."""
    expect_images_before_training(student)
    images, labels = training_digits(TRAINING.data_seed)
    rows = (2 * images.reshape(len(images), PIXELS) - 1).astype(np.float32)
    reply = student.harness("harness:train", images=rows, labels=labels, seed=seed,
                            **TRAINING.as_kwargs("noise_dim", "steps", "batch_size", "learning_rate", "betas",
                                                 "runaway_seconds"))
    run = expect_full_run(reply, TRAINING.steps, "training the conditional GAN")
    z, asked = requests(seed)
    samples = expect_tensor(student.harness("harness:trained_generate", z, asked), "the trained generator's images",
                            shape=(len(asked), PIXELS)).array.astype(np.float32)
    expect_true(bool(np.isfinite(samples).all()), "the trained generator's images are not finite")
    generated = np.clip((samples + 1) / 2, 0, 1).reshape(-1, 1, 8, 8)  # tanh's [-1, 1] back to pixels in [0, 1]
    net = load_digit_net()
    return {"label_accuracy": label_accuracy(generated, asked, net), "fid": image_fid(generated, images, net.features),
            "steps": run.steps, "train_seconds": run.seconds}


def baselines() -> dict[str, dict[str, float]]:
    """What other digit sets score: the held-out digits, and one training digit of each label repeated (collapse)."""
    images, labels = training_digits(TRAINING.data_seed)
    split = load_digits_split(seed=TRAINING.data_seed)
    held_out, held_labels = split.test_images[:, None], split.test_labels
    firsts = np.array([np.flatnonzero(labels == k)[0] for k in range(10)])
    collapsed = np.repeat(images[firsts], TRAINING.per_label, axis=0)
    collapsed_labels = np.repeat(np.arange(10), TRAINING.per_label)
    net = load_digit_net()
    return {name: {"label_accuracy": label_accuracy(x, y, net), "fid": image_fid(x, images, net.features)}
            for name, x, y in (("held_out_digits", held_out, held_labels),
                               ("one_digit_per_label", collapsed, collapsed_labels))}
