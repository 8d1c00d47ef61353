"""The trained CycleGAN's metrics on held-out digits, computed outside the sandbox from the harness's replies.

The harness trains the student's networks with the student's losses on white
digits (A) and red digits (B), unpaired, and returns translations of
held-out digits. Their true translations are known here (the same digit in
the other colour), so the grader measures: the cycle error (does G_BA(G_AB(a))
give a back?) and the translation accuracy (does the digit classifier read the
source's digit in the target colour's part of the translation: its red part, or
its white part, each blank for an untranslated image?).
"""

import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np

from gradekit.data.domains import recoloured_digits
from gradekit.grading.api import expect_array, expect_tensor, expect_true
from gradekit.models.cyclegan import evaluate_translations
from gradekit.models.signed_images import to_signed

CONFIG = tomllib.loads((Path(__file__).parent / "problem.toml").read_text())
TRAINING, THRESHOLDS = CONFIG["training"], CONFIG["metrics"]


@lru_cache(maxsize=1)
def domains(data_seed: int):
    return recoloured_digits(seed=data_seed, side=TRAINING["side"])


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
    metrics = evaluate_translations(translations, pair)
    return {"cycle_error": max(metrics["cycle_error_a"], metrics["cycle_error_b"]),  # the worse direction
            "translation_accuracy": min(metrics["accuracy_a_to_b"], metrics["accuracy_b_to_a"]), **metrics,
            "steps": len(losses), "train_seconds": float(run["seconds"])}


def baselines() -> dict[str, float]:
    """What the identity map scores (perfect cycles, no translation), and the digit network on the true pairs."""
    pair = domains(TRAINING["data_seed"])
    identity = {"a_to_b": to_signed(pair.test_a).numpy(), "b_to_a": to_signed(pair.test_b).numpy(),
                "a_cycled": to_signed(pair.test_a).numpy(), "b_cycled": to_signed(pair.test_b).numpy()}
    true = {"a_to_b": to_signed(pair.test_b).numpy(), "b_to_a": to_signed(pair.test_a).numpy(),
            "a_cycled": to_signed(pair.test_a).numpy(), "b_cycled": to_signed(pair.test_b).numpy()}
    return {**{f"identity_{k}": v for k, v in evaluate_translations(identity, pair).items()},
            **{f"true_translation_{k}": v for k, v in evaluate_translations(true, pair).items()}}
