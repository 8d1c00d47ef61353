"""Fixtures for the quiz-sheet tests.

The golden files and most tests use the small frozen bank in ``data/bank/``
rather than the course's ``questions/``, so editing the course's bank never
changes a pinned sheet. Calculations come from the real problems' variants;
a test that needs a reference still being written skips with
``pytest.importorskip("gradekit.calc.<module>")``.
"""

from pathlib import Path

import pytest

from gradekit.sheets.bank import load_bank
from gradekit.sheets.generate import make_quiz, parse_questions
from gradekit.sheets.variants import discover_variants

SAMPLE_BANK = Path(__file__).resolve().parent / "data" / "bank"


@pytest.fixture(scope="session")
def variants():
    return discover_variants()


@pytest.fixture(scope="session")
def sample_bank():
    return load_bank(SAMPLE_BANK)


@pytest.fixture(scope="session")
def make(variants, sample_bank):
    """``make(seed, questions, students=None, variant="random")`` -> Quiz, with the sample bank."""
    def build(seed, questions, students=None, variant="random"):
        return make_quiz(seed=seed, students=students, variants=variants, bank=sample_bank,
                         requests=parse_questions(questions), variant=variant)
    return build


@pytest.fixture(scope="session")
def problem_variants(variants):
    """``problem_variants(id, module)``: that problem's ``Variants``, or a skip while its
    folder or its reference is still being written."""
    def get(problem_id, module):
        if problem_id not in variants:
            pytest.skip(f"problems/{problem_id}/problem.toml not written yet")
        pytest.importorskip(f"gradekit.calc.{module}")
        return variants[problem_id]
    return get
