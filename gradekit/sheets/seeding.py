"""Random generators derived from (seed, student, slot), stable across runs and machines.

Every random choice on a sheet draws from its own generator, named by a slot
such as ``"maxout/1"`` (the first maxout question) or ``"options/vae/blurry"``
(the option order of one item). So a student's maxout question does not change
when another question is added to the sheet, and a student's sheet depends
only on the seed and the student's id, never on the roster's order.

Student ids are hashed with SHA-256, never Python's ``hash()``, which is salted
per process.
"""

from __future__ import annotations

import hashlib

import numpy as np


def _words(text: str) -> list[int]:
    """SHA-256 of ``text`` as eight 32-bit words: entropy for a ``SeedSequence``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return [int.from_bytes(digest[i:i + 4], "little") for i in range(0, 32, 4)]


def check_seed(seed: int) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"the seed must be a non-negative integer, got {seed!r}")
    return seed


def rng_for(seed: int, student: str, slot: str) -> np.random.Generator:
    """The generator for one ``slot`` of ``student``'s sheet under ``seed``.

    ``student=""`` names the class as a whole (choices every sheet shares, such
    as which bank items the quiz asks) and the unnamed sheet made without a roster.
    """
    entropy = [check_seed(seed), *_words(student), *_words(slot)]
    return np.random.default_rng(np.random.SeedSequence(entropy))
