"""Runs in the sandbox: call the student's ``reparameterize`` and hand back its inputs as they are after it.

The grader compares them with what it sent, to see whether the call modified
its inputs in place (which would corrupt mu, logvar or the caller's noise).
"""

from reparameterize import reparameterize


def inputs_after_call(mu, logvar, eps):
    """``[mu, logvar, eps]`` after ``reparameterize(mu, logvar, eps)`` has run."""
    reparameterize(mu, logvar, eps)
    return [mu, logvar, eps]
