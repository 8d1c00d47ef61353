"""Runs in the sandbox: call the student's ``reparameterize``, and hand back its results and its inputs after it.

The grader compares the inputs with what it sent, to see whether the call
modified them in place (which would corrupt mu, logvar or the caller's noise).
A second call with mu shifted by 1 shows that z follows mu; torch's global
generator is seeded before each call, so even a function that draws its own
noise is compared with itself on equal terms.
"""

import torch

from reparameterize import reparameterize


def inputs_after_call(mu, logvar, eps):
    """``[z, z_shifted, mu, logvar, eps]``: z for the inputs, z for mu + 1, and the inputs after the first call."""
    originals = [t.clone() for t in (mu, logvar, eps)]
    torch.manual_seed(0)
    z = reparameterize(mu, logvar, eps)
    torch.manual_seed(0)
    z_shifted = reparameterize(originals[0] + 1, originals[1].clone(), originals[2].clone())
    return [z, z_shifted, mu, logvar, eps]
