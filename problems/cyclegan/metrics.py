"""The trained CycleGAN's metrics on held-out digits, computed outside the sandbox from the harness's replies.

The harness trains the student's networks with the student's losses on white
digits (A) and red digits (B), unpaired, and returns translations of
held-out digits. Their true translations are known here (the same digit in
the other colour), so the grader measures: the cycle error (does G_BA(G_AB(a))
give a back?) and the translation accuracy (does the digit classifier read the
source's digit in the target colour's part of the translation: its red part, or
its white part, each blank for an untranslated image?).
"""

from functools import lru_cache

import numpy as np

from gradekit.data.domains import recoloured_digits
from gradekit.grading.api import expect_tensor, expect_true, tensor
from gradekit.grading.problem import problem_here
from gradekit.grading.training_runs import expect_full_run
from gradekit.models.cyclegan import evaluate_translations
from gradekit.models.signed_images import to_signed, to_unit

PROBLEM = problem_here(__file__)
TRAINING = PROBLEM.training


@lru_cache(maxsize=1)
def domains(data_seed: int):
    return recoloured_digits(seed=data_seed, side=TRAINING.side)


def expect_translations_before_training(student, images: np.ndarray) -> None:
    """An untrained generator's translations must keep the images' shape, be finite and be made by its
    weights: else no metric of the trained generators could count, and training first would only spend the
    time budget."""
    from .public_checks import made_by_the_weights  # the kit's own helper (no reference in it)

    what = f"an untrained ResnetGenerator(channels={TRAINING.channels})'s translations"
    out = made_by_the_weights(student.harness("harness:generator_output", TRAINING.channels, 0, tensor(images)),
                              what, shape=images.shape)
    expect_true(bool(np.isfinite(out).all()), f"{what} are not finite")


def measure(student, seed: int = TRAINING.seed) -> dict[str, float]:
    """Train in the sandbox, translate the held-out digits both ways, and score the translations."""
    pair = domains(TRAINING.data_seed)
    expect_translations_before_training(student, to_signed(pair.test_a[:4]).numpy())
    reply = student.harness("harness:train", images_a=to_signed(pair.train_a).numpy(),
                            images_b=to_signed(pair.train_b).numpy(), seed=seed,
                            **TRAINING.as_kwargs("steps", "batch_size", "learning_rate", "adam_betas", "lam",
                                                 "pool_size", "runaway_seconds"))
    run = expect_full_run(reply, TRAINING.steps, "training the CycleGAN")
    test_a, test_b = to_signed(pair.test_a).numpy(), to_signed(pair.test_b).numpy()
    replies = student.harness("harness:trained_translations", test_a, test_b)
    translations = {}
    for name in ("a_to_b", "b_to_a", "a_cycled", "b_cycled"):
        value = expect_tensor(replies[name], f"the trained generators' {name}", shape=test_a.shape).array
        expect_true(bool(np.isfinite(value).all()), f"the trained generators' {name} holds values that are not finite")
        translations[name] = value
    metrics = {**evaluate_translations(translations, pair), **translation_changes(translations, pair)}
    return {"cycle_error": max(metrics["cycle_error_a"], metrics["cycle_error_b"]),  # the worse direction
            "translation_accuracy": min(metrics["accuracy_a_to_b"], metrics["accuracy_b_to_a"]),
            "translation_change": min(metrics["change_a_to_b"], metrics["change_b_to_a"]), **metrics,
            "steps": run.steps, "train_seconds": run.seconds}


def translation_changes(translations: dict[str, np.ndarray], pair) -> dict[str, float]:
    """How much each translation changes its source: mean absolute difference, pixels in [0, 1] (0 for the
    identity; the true translations change white digits to red and back by about 0.2)."""
    return {"change_a_to_b": float(np.mean(np.abs(to_unit(translations["a_to_b"]) - pair.test_a))),
            "change_b_to_a": float(np.mean(np.abs(to_unit(translations["b_to_a"]) - pair.test_b)))}


def baselines() -> dict[str, float]:
    """What the identity map scores (perfect cycles, no translation), and the digit network on the true pairs."""
    pair = domains(TRAINING.data_seed)
    identity = {"a_to_b": to_signed(pair.test_a).numpy(), "b_to_a": to_signed(pair.test_b).numpy(),
                "a_cycled": to_signed(pair.test_a).numpy(), "b_cycled": to_signed(pair.test_b).numpy()}
    true = {"a_to_b": to_signed(pair.test_b).numpy(), "b_to_a": to_signed(pair.test_a).numpy(),
            "a_cycled": to_signed(pair.test_a).numpy(), "b_cycled": to_signed(pair.test_b).numpy()}
    return {**{f"identity_{k}": v for k, v in {**evaluate_translations(identity, pair),
                                               **translation_changes(identity, pair)}.items()},
            **{f"true_translation_{k}": v for k, v in {**evaluate_translations(true, pair),
                                                       **translation_changes(true, pair)}.items()}}
