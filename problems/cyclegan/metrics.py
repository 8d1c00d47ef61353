"""The trained CycleGAN's metrics on held-out digits, computed outside the sandbox from the harness's replies.

The harness trains the student's networks with the student's losses on red
digits (A) and green digits (B), unpaired, and returns translations of
held-out digits. Their true translations are known here (the same digit in
the other colour), so the grader measures: the cycle error (does G_BA(G_AB(a))
give a back?) and the translation accuracy (does the digit classifier read the
source's digit in the target colour's channel of the translation?).
"""

from functools import lru_cache
from pathlib import Path
import tomllib

import numpy as np
import torch

from gradekit.data.domains import GREEN, RED, recoloured_digits
from gradekit.grading.api import expect_array, expect_tensor, expect_true
from gradekit.metrics.digit_net import load_digit_net
from gradekit.models.cyclegan import to_signed, to_unit

CONFIG = tomllib.loads((Path(__file__).parent / "problem.toml").read_text())
TRAINING, THRESHOLDS = CONFIG["training"], CONFIG["metrics"]


@lru_cache(maxsize=1)
def domains(data_seed: int):
    return recoloured_digits(seed=data_seed, side=TRAINING["side"])


def digit_accuracy(channel_images: np.ndarray, labels: np.ndarray) -> float:
    """How often the digit network reads ``labels`` in grey images (N, H, W) in [0, 1]."""
    with torch.no_grad():
        predicted = load_digit_net()(torch.from_numpy(np.ascontiguousarray(channel_images))).argmax(dim=1).numpy()
    return float(np.mean(predicted == labels))


def evaluate(translations: dict[str, np.ndarray], pair) -> dict[str, float]:
    """Cycle errors (mean |cycle − x| in [0, 1] units) and translation accuracies of both directions."""
    a_to_b, b_to_a = to_unit(translations["a_to_b"]), to_unit(translations["b_to_a"])
    return {"cycle_error_a": float(np.mean(np.abs(to_unit(translations["a_cycled"]) - pair.test_a))),
            "cycle_error_b": float(np.mean(np.abs(to_unit(translations["b_cycled"]) - pair.test_b))),
            "accuracy_a_to_b": digit_accuracy(a_to_b[..., GREEN], pair.test_labels),
            "accuracy_b_to_a": digit_accuracy(b_to_a[..., RED], pair.test_labels)}


def measure(student, seed: int = TRAINING["seed"]) -> dict[str, float]:
    """Train in the sandbox, translate the held-out digits both ways, and score the translations."""
    pair = domains(TRAINING["data_seed"])
    run = student.harness("harness:train", to_signed(pair.train_a).numpy(), to_signed(pair.train_b).numpy(),
                          TRAINING["steps"], TRAINING["batch_size"], TRAINING["learning_rate"],
                          TRAINING["adam_betas"], TRAINING["lam"], TRAINING["pool_size"], seed, TRAINING["seconds"])
    losses = expect_array(run["generator_losses"], "the generators' training losses", ndim=1)
    expect_true(len(losses) > 0, "training took no step within the time budget")
    test_a, test_b = to_signed(pair.test_a).numpy(), to_signed(pair.test_b).numpy()
    replies = student.harness("harness:trained_translations", test_a, test_b)
    translations = {}
    for name in ("a_to_b", "b_to_a", "a_cycled", "b_cycled"):
        value = expect_tensor(replies[name], f"the trained generators' {name}", shape=test_a.shape).array
        expect_true(bool(np.isfinite(value).all()), f"the trained generators' {name} holds values that are not finite")
        translations[name] = value
    return {**evaluate(translations, pair), "steps": len(losses), "train_seconds": float(run["seconds"])}


def baselines() -> dict[str, float]:
    """What the identity map scores (perfect cycles, no translation), and the digit network on the true pairs."""
    pair = domains(TRAINING["data_seed"])
    identity = {"a_to_b": to_signed(pair.test_a).numpy(), "b_to_a": to_signed(pair.test_b).numpy(),
                "a_cycled": to_signed(pair.test_a).numpy(), "b_cycled": to_signed(pair.test_b).numpy()}
    true = {"a_to_b": to_signed(pair.test_b).numpy(), "b_to_a": to_signed(pair.test_a).numpy(),
            "a_cycled": to_signed(pair.test_a).numpy(), "b_cycled": to_signed(pair.test_b).numpy()}
    return {**{f"identity_{k}": v for k, v in evaluate(identity, pair).items()},
            **{f"true_translation_{k}": v for k, v in evaluate(true, pair).items()}}
