"""Randomized quiz sheets: generation, rendering, and marking the answers.

    seed, roster, --questions ──► generate.make_quiz ──► Quiz (sheets of questions, answers inside)
                                        │                    │
        problems/<id>/variants.py ──────┘                    ├──► render (templates/sheet.<format>.j2) ──► files
        questions/<topic>.toml (bank) ──┘                    ├──► key.json, answer CSV template
                                                             ▼
                          answers.csv + key.json ──► marking.mark_answers ──► Marks

Everything but ``create_quiz``, ``mark_files`` and the ``write`` module is pure: the
same inputs give the same quiz and the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gradekit.sheets.bank import load_bank
from gradekit.sheets.generate import Variant, make_quiz, parse_questions
from gradekit.sheets.key import read_key
from gradekit.sheets.marking import Marks, mark_answers
from gradekit.sheets.model import Quiz
from gradekit.sheets.roster import read_roster
from gradekit.sheets.variants import discover_variants


def create_quiz(*, seed: int, roster: Path | None = None, students: Sequence[str] | None = None,
                questions: str | None = None, variant: Variant = "random",
                problems_dir: Path | None = None, bank_dir: Path | None = None) -> Quiz:
    """A quiz from the problems' variants and the question bank, for a roster file or a list of students."""
    if roster is not None:
        students = read_roster(roster.read_text(encoding="utf-8-sig"), source=str(roster))
    return make_quiz(seed=seed, students=students, variants=discover_variants(problems_dir),
                     bank=load_bank(bank_dir), requests=parse_questions(questions) if questions else None,
                     variant=variant)


def mark_files(answers: Path, key: Path) -> Marks:
    """Mark the answer CSV ``answers`` against ``key`` (a ``key.json``)."""
    return mark_answers(answers.read_text(encoding="utf-8-sig"),
                        read_key(key.read_text(encoding="utf-8"), source=str(key)))
