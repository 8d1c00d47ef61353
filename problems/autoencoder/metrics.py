"""The trained models' metrics on held-out digits, computed outside the sandbox from the harness's replies.

The harness trains each of the student's models with the student's losses
and returns codes and reconstructions of the held-out digits sent from here;
the errors, the sparsity and the linear probe are computed here.
"""

from functools import lru_cache

import numpy as np

from gradekit.data import load_digits_split
from gradekit.grading.api import expect_tensor
from gradekit.grading.problem import problem_here
from gradekit.grading.training_runs import expect_full_run
from gradekit.metrics.reconstruction import fraction_inactive, linear_probe_accuracy, mean_squared_error

PROBLEM = problem_here(__file__)
TRAINING = PROBLEM.training


@lru_cache(maxsize=1)
def digits(data_seed: int):
    return load_digits_split(seed=data_seed)


def _as_input(name: str, images: np.ndarray) -> np.ndarray:
    """Rows (N, 64) for the MLP autoencoders, (N, 1, 8, 8) for the convolutional one."""
    return images[:, None] if name == "ConvAutoencoder" else images.reshape(len(images), -1)


def steps_for(name: str) -> int:
    return TRAINING.conv_steps if name == "ConvAutoencoder" else TRAINING.steps


def trained(student, name: str, kwargs: dict, seed: int, sparsity_weight: float = 0.0) -> dict:
    """Train ``name(**kwargs)`` in the sandbox; its codes and reconstructions of the train and test digits."""
    split = digits(TRAINING.data_seed)
    train, test = _as_input(name, split.train_images), _as_input(name, split.test_images)
    steps = steps_for(name)
    settings = TRAINING.as_kwargs("batch_size", "learning_rate", "runaway_seconds", steps=steps, seed=seed)
    run = expect_full_run(student.harness("harness:train", name=name, kwargs=kwargs, images=train,
                                          sparsity_weight=sparsity_weight, **settings),
                          steps, f"training the {name}")
    result = {"steps": run.steps, "train_seconds": run.seconds}
    for part, images in (("train", train), ("test", test)):
        out = student.harness("harness:trained_outputs", name, images)
        result[f"{part}_codes"] = expect_tensor(out["codes"], f"the trained {name}'s codes", ndim=2).array
        result[f"{part}_recon"] = expect_tensor(out["reconstructions"], f"the trained {name}'s reconstructions",
                                                shape=images.shape).array
        initial = expect_tensor(out["initial_codes"], f"the untrained {name}'s codes",
                                shape=result[f"{part}_codes"].shape).array
        result[f"{part}_code_change"] = relative_change(initial, result[f"{part}_codes"])
    result["test_mse"] = mean_squared_error(result["test_recon"], test)
    return result


def relative_change(before: np.ndarray, after: np.ndarray) -> float:
    """||after − before|| / ||before||: how far training moved the codes (0 for an encoder it never reached)."""
    before, after = before.astype(np.float64), after.astype(np.float64)
    return float(np.linalg.norm(after - before) / max(np.linalg.norm(before), 1e-12))


def undercomplete(student, seed: int = TRAINING.seed) -> dict:
    run = trained(student, "Autoencoder", {"input_dim": TRAINING.input_dim, "code_dim": TRAINING.code_dim}, seed)
    split = digits(TRAINING.data_seed)
    run["probe_accuracy"] = linear_probe_accuracy(run["train_codes"], split.train_labels,
                                                  run["test_codes"], split.test_labels)
    return run


def sparse(student, seed: int = TRAINING.seed) -> dict:
    run = trained(student, "SparseAutoencoder",
                  {"input_dim": TRAINING.input_dim, "code_dim": TRAINING.sparse_code_dim}, seed,
                  TRAINING.sparsity_weight)
    run["inactive"] = fraction_inactive(run["test_codes"])
    return run


def convolutional(student, seed: int = TRAINING.seed) -> dict:
    return trained(student, "ConvAutoencoder", {"side": TRAINING.side, "code_dim": TRAINING.code_dim}, seed)


def measure(student, seed: int = TRAINING.seed) -> dict[str, float]:
    """Every metric the hidden checks threshold, for one training seed."""
    first, second, third = undercomplete(student, seed), sparse(student, seed), convolutional(student, seed)
    return {"undercomplete_mse": first["test_mse"], "probe_accuracy": first["probe_accuracy"],
            "code_change": first["test_code_change"],
            "sparse_inactive": second["inactive"], "sparse_mse": second["test_mse"], "conv_mse": third["test_mse"],
            "steps": [first["steps"], second["steps"], third["steps"]],
            "train_seconds": first["train_seconds"] + second["train_seconds"] + third["train_seconds"]}


def baselines() -> dict[str, float]:
    """The trivial answers: every digit reconstructed as the mean training digit; a probe on raw pixels."""
    split = digits(TRAINING.data_seed)
    train, test = split.flat()
    mean_image = np.broadcast_to(train.mean(axis=0), test.shape)
    return {"mean_image_mse": mean_squared_error(mean_image, test),
            "raw_pixel_probe_accuracy": linear_probe_accuracy(train, split.train_labels, test, split.test_labels)}
