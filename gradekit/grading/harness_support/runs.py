"""Memoised runs: a training request is answered once, then from memory.

A problem's checks query one trained model several times (its metrics, its
outputs); each asks ``train`` with the same settings, and only the first
trains. A request is told apart by a fingerprint of every argument, arrays
by their bytes, so a changed dataset or setting trains afresh.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

Run = TypeVar("Run")


def fingerprint(value: Any) -> str:
    """A digest of ``value``: numbers, strings, lists, dicts, numpy arrays and tensors, by content."""
    digest = hashlib.sha256()
    _feed(digest, value)
    return digest.hexdigest()


def _feed(digest, value: Any) -> None:
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor, without importing torch here
        value = value.detach().cpu().numpy()
    if isinstance(value, np.ndarray):
        array = np.ascontiguousarray(value)
        digest.update(f"array{array.dtype.str}{array.shape}".encode())
        digest.update(array.tobytes())
    elif isinstance(value, dict):
        digest.update(b"dict")
        for key in sorted(value, key=str):
            _feed(digest, str(key))
            _feed(digest, value[key])
    elif isinstance(value, (list, tuple)):
        digest.update(f"seq{len(value)}".encode())
        for item in value:
            _feed(digest, item)
    else:
        digest.update(json.dumps(value, default=repr).encode())


class RunCache:
    """The latest run of each slot (a model's name), kept with the request that made it.

    ``get(slot, request, fit)`` returns the kept run when ``request`` is the one
    it was made for, and otherwise calls ``fit()`` and keeps what it returns.
    ``latest(slot)`` is the run the following queries (outputs of the trained
    model) read.
    """

    def __init__(self) -> None:
        self._runs: dict[str, tuple[str, Any]] = {}

    def get(self, slot: str, request: dict, fit: Callable[[], Run]) -> Run:
        key = fingerprint(request)
        kept = self._runs.get(slot)
        if kept is not None and kept[0] == key:
            return kept[1]
        run = fit()
        self._runs[slot] = (key, run)
        return run

    def latest(self, slot: str) -> Any:
        if slot not in self._runs:
            raise RuntimeError(f"no {slot} has been trained yet: the grader calls train before querying it")
        return self._runs[slot][1]
