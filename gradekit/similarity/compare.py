"""Which students' solutions to one problem are unusually alike: pairs ranked by shared fingerprints.

A pair's similarity is the share of the smaller solution's fingerprints that
the other solution also has (so a copy with extra code added still scores
high). Fingerprints that cannot tell students apart are left out first:

- the starter's own (every student received that code);
- those that more than ``max_holders`` students share (MOSS's ``-m``): an
  idiom of the problem, not a copy;
- and a pair is flagged only with at least ``min_shared`` shared fingerprints,
  so that two near-empty files are not "identical".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from gradekit.similarity.fingerprints import Fingerprint, fingerprints
from gradekit.similarity.tokens import normalized_tokens


@dataclass(frozen=True)
class SimilarityConfig:
    k: int = 8  # tokens in a hashed run: about one statement, so `return N . sum ( )` alone is no evidence
    window: int = 4  # any shared run of k + window - 1 = 11 tokens is found
    threshold: float = 0.6  # flagged at or above (measured on the synthetic class in tests/similarity)
    min_shared: int = 4  # fingerprints a flagged pair must share
    max_holders: int = 10  # a fingerprint more students than this share is an idiom of the problem
    top: int = 10  # pairs reported per problem

    def __post_init__(self) -> None:
        if self.k < 1 or self.window < 1 or self.min_shared < 1 or self.max_holders < 2 or self.top < 1:
            raise ValueError("k, window, min_shared and top must be at least 1, max_holders at least 2")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"the threshold is a share of fingerprints, in (0, 1]: got {self.threshold}")


@dataclass(frozen=True)
class Solution:
    student: str
    problem: str
    source: str
    origin: str  # where it came from: "maxout.py", or "hw2.ipynb" for a notebook's definitions


@dataclass(frozen=True)
class Pair:
    problem: str
    a: Solution
    b: Solution
    similarity: float  # shared / the smaller solution's fingerprints
    shared: int  # fingerprints in common
    share_a: float  # of a's fingerprints, how many b has
    share_b: float
    lines_a: tuple[int, ...]  # lines of a covered by shared fingerprints
    lines_b: tuple[int, ...]
    flagged: bool


def document(source: str, config: SimilarityConfig) -> list[Fingerprint]:
    return fingerprints(normalized_tokens(source), config.k, config.window)


def compare_problem(solutions: Sequence[Solution], starter: str | None,
                    config: SimilarityConfig | None = None) -> list[Pair]:
    """Every pair of ``solutions`` (one problem) that shares a fingerprint, most similar first."""
    config = config or SimilarityConfig()
    base = {f.hash for f in document(starter, config)} if starter else set()
    prints = [[f for f in document(s.source, config) if f.hash not in base] for s in solutions]
    holders: dict[int, set[int]] = defaultdict(set)
    for index, found in enumerate(prints):
        for f in found:
            holders[f.hash].add(index)
    common = {h for h, who in holders.items() if len(who) > config.max_holders}
    hashes = [{f.hash for f in found} - common for found in prints]
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for h, who in holders.items():
        if h not in common:
            for pair in combinations(sorted(who), 2):
                shared[pair] += 1
    pairs = []
    for (i, j), count in shared.items():
        smaller = min(len(hashes[i]), len(hashes[j]))
        similarity = count / smaller
        both = hashes[i] & hashes[j]
        pairs.append(Pair(
            problem=solutions[i].problem, a=solutions[i], b=solutions[j], similarity=similarity, shared=count,
            share_a=count / len(hashes[i]), share_b=count / len(hashes[j]),
            lines_a=_lines(prints[i], both), lines_b=_lines(prints[j], both),
            flagged=similarity >= config.threshold and count >= config.min_shared))
    return sorted(pairs, key=lambda p: (-p.similarity, -p.shared, p.a.student, p.b.student))


def _lines(found: list[Fingerprint], hashes: set[int]) -> tuple[int, ...]:
    return tuple(sorted({line for f in found if f.hash in hashes for line in range(f.first_line, f.last_line + 1)}))
