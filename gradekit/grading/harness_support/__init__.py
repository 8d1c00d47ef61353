"""Support for problems' harness files: the training plumbing every model problem shares.

Staged into the sandbox beside the worker as the package ``gradekit_support``
(see ``gradekit.grading.sandbox.stage_worker``), so a harness writes

    import gradekit_support as support

It runs next to the student's code, so it imports nothing of gradekit (which
the sandbox does not show): the standard library, numpy and torch only. It
makes no verdict; the grader checks what the harness returns, outside.

- ``RunCache``: memoised runs; the same request returns the same run without
  training again (several checks ask for one trained model);
- ``fixed_steps``: a training loop of exactly ``steps`` steps, whatever the
  machine's load, stopped early only by the runaway guard;
- ``EpochBatches`` / ``RandomBatches``: seeded batches (a new order each
  epoch, or draws with replacement);
- ``single_thread``, ``build``: one CPU thread; a model built from a seed;
- ``OpTrace``, ``traced``: the torch operations a forward pass runs (the GAN
  problems read the student's layers from them);
- ``alternating_step``: one step of the GAN training loop (Algorithm 1, k = 1).
"""

from .adversarial import alternating_step
from .batches import EpochBatches, RandomBatches
from .op_trace import OpTrace, traced
from .runs import RunCache, fingerprint
from .training import RunawayGuard, build, fixed_steps, single_thread

__all__ = ["EpochBatches", "OpTrace", "RandomBatches", "RunCache", "RunawayGuard", "alternating_step", "build",
           "fingerprint", "fixed_steps", "single_thread", "traced"]
