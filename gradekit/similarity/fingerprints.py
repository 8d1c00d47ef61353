"""Winnowing (Schleimer, Wilkerson & Aiken, SIGMOD 2003): a document's fingerprints.

Every run of ``k`` consecutive normalised tokens is hashed; of each window of
``window`` consecutive hashes the smallest is kept (the rightmost on a tie).
Two documents that share a run of at least ``k + window - 1`` tokens then
share a fingerprint, and shorter runs (noise such as ``for N in range ( N
)``) mostly do not. Hashes are BLAKE2 of the tokens' text, never Python's
salted ``hash()``: the same class gives the same report on every run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from gradekit.similarity.tokens import Token


@dataclass(frozen=True)
class Fingerprint:
    hash: int
    first_line: int  # where its k tokens start and end in the original source
    last_line: int


def kgram_hashes(tokens: Sequence[Token], k: int) -> list[int]:
    """A stable 64-bit hash of each run of ``k`` tokens."""
    texts = [t.text for t in tokens]
    return [int.from_bytes(hashlib.blake2b("\x1f".join(texts[i:i + k]).encode(), digest_size=8).digest(), "big")
            for i in range(len(texts) - k + 1)]


def winnow(hashes: Sequence[int], window: int) -> list[int]:
    """The positions winnowing keeps: the rightmost minimum of each window, each position once."""
    if len(hashes) <= window:
        return [min(range(len(hashes)), key=lambda i: (hashes[i], -i))] if hashes else []
    chosen: list[int] = []
    for start in range(len(hashes) - window + 1):
        best = min(range(start, start + window), key=lambda i: (hashes[i], -i))
        if not chosen or chosen[-1] != best:
            chosen.append(best)
    return chosen


def fingerprints(tokens: Sequence[Token], k: int, window: int) -> list[Fingerprint]:
    hashes = kgram_hashes(tokens, k)
    return [Fingerprint(hashes[i], tokens[i].line, tokens[i + k - 1].line) for i in winnow(hashes, window)]
