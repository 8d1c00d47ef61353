"""The trusted side of a harness's training run: did every fixed step run, and what to say about it.

A model problem's harness trains with ``gradekit_support.fixed_steps`` and
returns its log as plain data. Here the grader checks that log before it
measures the trained model: a run the runaway guard stopped fails with that
reason (never a metric of a half-trained model), so a grade does not depend
on how busy the machine was. ``TrainingRun.note`` is what a passing metric
check says about the run ("after 800 training steps").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradekit.grading.checks import CheckFailed
from gradekit.grading.expect import expect_array


@dataclass(frozen=True)
class TrainingRun:
    """One training run of the student's model, as the harness reported it."""

    steps: int  # the steps taken: all that were asked, or the check has already failed
    seconds: float  # wall-clock time, for the record (never for the grade)
    losses: dict[str, np.ndarray]  # "losses", or "<name>_losses" for each named loss, one value per step

    @property
    def note(self) -> str:
        return f"after {self.steps} training steps"


def expect_full_run(reply: object, steps: int, what: str = "training") -> TrainingRun:
    """The harness's reply to a training call, checked to have run all ``steps`` steps.

    ``what`` names the run in messages ("training the SparseAutoencoder").
    """
    if not isinstance(reply, dict) or not isinstance(reply.get("steps"), int):
        raise CheckFailed(f"{what} did not report its steps (the harness's reply is {type(reply).__name__})")
    taken = reply["steps"]
    if reply.get("runaway") or taken < steps:
        limit = reply.get("runaway_seconds")
        raise CheckFailed(
            f"{what} stopped after {taken} of {steps} steps: it used {_seconds(reply.get('seconds'))} of CPU time, "
            f"and training is stopped at {_seconds(limit)}, several times what the slowest sound design needs. "
            "Make the model smaller or its forward pass cheaper (one CPU thread).")
    losses = {key: expect_array(value, f"the losses of {what}", ndim=1)
              for key, value in reply.items() if key == "losses" or key.endswith("_losses")}
    seconds = reply.get("seconds")
    return TrainingRun(steps=taken, seconds=float(seconds) if isinstance(seconds, (int, float)) else float("nan"),
                       losses=losses)


def _seconds(value: object) -> str:
    return f"{value:.0f} s" if isinstance(value, (int, float)) else "the limit"
