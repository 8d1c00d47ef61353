"""The trained model's arithmetic, read outside the sandbox from the harness's replies.

The harness trains the student's VAE with the student's loss on the attribute
images and answers the queries a + b − c sent from here with the student's
``latent_arithmetic``; each answer is read here by its nearest exact rendering,
and it is right when that rendering has exactly the target attributes.
"""

from functools import lru_cache

import numpy as np

from gradekit.data.attributes import arithmetic_queries, attribute_set
from gradekit.grading.api import expect_tensor, expect_true
from gradekit.grading.problem import problem_here
from gradekit.grading.training_runs import expect_full_run
from gradekit.models.latent_arithmetic import pixel_answer, score

PROBLEM = problem_here(__file__)
TRAINING, QUERIES = PROBLEM.training, PROBLEM.table("queries")


@lru_cache(maxsize=1)
def training_rows(count: int, data_seed: int) -> np.ndarray:
    return attribute_set(count, seed=data_seed).flat()


@lru_cache(maxsize=1)
def queries(count: int, exemplars: int, seed: int):
    return arithmetic_queries(count, exemplars, seed)


def measure(student, seed: int = TRAINING.seed) -> dict[str, float]:
    """Train in the sandbox, answer the queries with the student's arithmetic, and score the answers."""
    settings = TRAINING.as_kwargs("latent_dim", "steps", "batch_size", "learning_rate", "runaway_seconds", seed=seed)
    run = expect_full_run(student.harness("harness:train", images=training_rows(TRAINING.count, TRAINING.data_seed),
                                          **settings), TRAINING.steps, "training the VAE")
    asked = queries(QUERIES["count"], QUERIES["exemplars"], QUERIES["seed"])
    answers = student.harness("harness:trained_arithmetic", *asked.flat())
    answers = expect_tensor(answers, "the trained model's latent_arithmetic(model, a, b, c)",
                            shape=(QUERIES["count"], TRAINING.input_dim)).array
    expect_true(bool(np.isfinite(answers).all()), "the trained model's answers hold values that are not finite")
    return {**score(answers, asked), "steps": run.steps, "train_seconds": run.seconds}


def baselines() -> dict[str, float]:
    """What the same arithmetic on the pixels scores (mean(a) + mean(b) − mean(c), clipped to [0, 1])."""
    asked = queries(QUERIES["count"], QUERIES["exemplars"], QUERIES["seed"])
    return {f"pixel_space_{name}": value for name, value in score(pixel_answer(asked), asked).items()}
