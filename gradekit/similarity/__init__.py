"""Unusually alike solutions: pairs of students whose code for the same problem shares too much.

    SUBMISSIONS/<student>/<module>.py or *.ipynb ──► collect.read_class ──► Solution per student and problem
        starter (the kit's stub) ──────────────────────────┘                 │
                                            tokens.normalized_tokens ◄───────┘  names, comments, formatting,
                                                      │                         imports and docstrings set aside
                                  fingerprints (k-grams, winnowing) ──► compare.compare_problem ──► Pairs
                                                                                     │
                                                   report.pairs_csv / report.report_html ◄┘

MOSS's method (Schleimer, Wilkerson & Aiken 2003) on Python's own tokenizer:
pure logic in ``tokens``, ``fingerprints`` and ``compare``; rendering in
``report``; reading files only in ``collect``. Measured on a synthetic class
(``tests/similarity/``): copies renamed, reformatted, reordered, re-commented
or padded with code of their own are flagged; differently written solutions
are not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from gradekit.grading.problem import Problem
from gradekit.similarity.collect import read_class
from gradekit.similarity.compare import Pair, SimilarityConfig, Solution, compare_problem
from gradekit.similarity.report import ProblemPairs, pairs_csv, report_html

__all__ = ["Pair", "ProblemPairs", "SimilarityConfig", "Solution", "compare_class", "compare_problem", "pairs_csv",
           "report_html"]


def compare_class(submissions: Path, problems: Sequence[Problem], references_dir: Path,
                  config: SimilarityConfig | None = None, *, exclude: Path | None = None,
                  on_student: Callable[[str], None] | None = None) -> tuple[list[ProblemPairs], list[str]]:
    """Each problem's pairs (most similar first) for the class in ``submissions``, and notes on what was not read."""
    config = config or SimilarityConfig()
    found = read_class(submissions, list(problems), references_dir, exclude=exclude, on_student=on_student)
    results = [ProblemPairs(problem.id, problem.title, len(found.by_problem[problem.id]),
                            tuple(compare_problem(found.by_problem[problem.id], found.starters[problem.id], config)))
               for problem in problems]
    return results, found.notes
