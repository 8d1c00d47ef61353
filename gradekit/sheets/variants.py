"""A calculation problem's ``variants.py``: loading it and turning its variants into questions.

``problems/<id>/variants.py`` defines

    def generate(rng: numpy.random.Generator) -> dict   # a fresh, well-posed variant
    def exam() -> dict                                   # (optional) the course's own numbers

and both return the same shape of plain data:

    {
        "params": {...},          # what was drawn, as plain numbers and lists
        "statement": [            # what the sheet shows, in order
            "a paragraph of plain Unicode text",
            {"matrix": [[0, 1], [2, 3]]},          # a grid of numbers
            {"numbered": ["first", "second"]},     # a numbered list
        ],
        "parts": [                # the answer boxes, each with its key
            {"ask": "H in bits", "answer": 3.0, "tolerance": 0.01, "points": 4},
        ],
    }

Every ``answer`` must come from the reference (``gradekit.calc.<module>``),
never from a second implementation: the quiz key and the grader then agree by
construction. A problem's parts are the same in every variant (their number and
order), so that every sheet of a quiz has the same answer columns.

Each number of an answer is worth a whole number of points (a part's
``points`` over its count of numbers): an array is marked number by number,
and Moodle, where a question of several numbers is a cloze question, weighs
its fields with whole numbers and imports the question at their sum.
"""

from __future__ import annotations

import math
import types
from dataclasses import dataclass
from functools import cached_property
from numbers import Real
from pathlib import Path
from typing import Any

import numpy as np

from gradekit.grading.problem import Problem, ProblemError, discover, load_module
from gradekit.sheets.model import Block, Matrix, Number, Numbered, NumericQuestion, Part, Text

VARIANTS_FILE = "variants.py"


class VariantError(ProblemError):
    """A ``variants.py`` that breaks the contract above (a TA's mistake, reported clearly)."""


@dataclass(frozen=True)
class Variants:
    """The generators of one problem; its ``variants.py`` is imported when first used.

    Importing it imports the reference it calls, so a problem whose reference is
    missing fails only when a sheet asks for it.
    """

    problem: Problem

    @property
    def path(self) -> Path:
        return self.problem.folder / VARIANTS_FILE

    @cached_property
    def _module(self) -> types.ModuleType:
        if not self.path.is_file():
            raise VariantError(f"problem {self.problem.id} has no {VARIANTS_FILE}: it cannot go on a quiz sheet")
        try:
            module = load_module(self.problem, self.path)
        except ImportError as error:  # most often a reference not written yet
            raise VariantError(f"{self.path} cannot be imported: {error}") from error
        if not callable(getattr(module, "generate", None)):
            raise VariantError(f"{self.path}: defines no generate(rng)")
        return module

    @property
    def has_exam(self) -> bool:
        return callable(getattr(self._module, "exam", None))

    def generate(self, rng: np.random.Generator) -> dict:
        return self._module.generate(rng)

    def exam(self) -> dict:
        if not self.has_exam:
            raise VariantError(f"{self.path}: defines no exam()")
        return self._module.exam()

    def question(self, number: int, variant: dict) -> NumericQuestion:
        """The sheet's question ``number`` made from one variant's dict."""
        where = f"{self.problem.id}/{VARIANTS_FILE}"
        try:
            statement = tuple(_block(b) for b in variant["statement"])
            raw_parts = list(variant["parts"])
        except (KeyError, TypeError) as error:
            raise VariantError(f"{where}: a variant needs 'statement' and 'parts' lists ({error})") from None
        if not statement or not raw_parts:
            raise VariantError(f"{where}: a variant needs a statement and at least one part")
        ids = [f"q{number}"] if len(raw_parts) == 1 else [
            f"q{number}{chr(ord('a') + i)}" for i in range(len(raw_parts))]
        parts = tuple(_part(part_id, raw, where) for part_id, raw in zip(ids, raw_parts, strict=True))
        return NumericQuestion(number=number, problem=self.problem.id, title=self.problem.title,
                               statement=statement, parts=parts)


def has_variants(problem: Problem) -> bool:
    return (problem.folder / VARIANTS_FILE).is_file()


def _block(raw: Any) -> Block:
    if isinstance(raw, str):
        return Text(raw)
    if isinstance(raw, dict) and set(raw) == {"matrix"}:
        rows = np.asarray(raw["matrix"])
        if rows.ndim != 2:
            raise VariantError(f"a matrix block needs a 2-D grid, got shape {rows.shape}")
        return Matrix(tuple(tuple(_number(v) for v in row) for row in rows.tolist()))
    if isinstance(raw, dict) and set(raw) == {"numbered"}:
        return Numbered(tuple(str(item) for item in raw["numbered"]))
    raise VariantError(f"a statement block is a string, {{'matrix': ...}} or {{'numbered': ...}}, got {raw!r}")


def _part(part_id: str, raw: dict, where: str) -> Part:
    missing = {"ask", "answer", "tolerance", "points"} - set(raw)
    if missing:
        raise VariantError(f"{where}: part {part_id} lacks {', '.join(sorted(missing))}")
    answer = np.asarray(raw["answer"])
    if answer.dtype == object or answer.dtype.kind not in "iuf":
        raise VariantError(f"{where}: part {part_id}'s answer must be numbers, got {raw['answer']!r}")
    if answer.ndim > 2 or answer.size == 0:
        raise VariantError(f"{where}: part {part_id}'s answer must be a number, a vector or a grid, "
                           f"got shape {answer.shape}")
    tolerance, points = float(raw["tolerance"]), float(raw["points"])
    if not (tolerance >= 0 and points > 0):
        raise VariantError(f"{where}: part {part_id} needs tolerance >= 0 and points > 0")
    if not (points / answer.size).is_integer():  # novm (a float)
        raise VariantError(f"{where}: part {part_id} shares {points:g} points over {answer.size} numbers: each "
                           "number must be worth a whole number of points (Moodle's cloze weights are whole "
                           f"numbers), e.g. {answer.size * max(1, round(points / answer.size)):g} points")
    return Part(id=part_id, ask=str(raw["ask"]), answer=tuple(_number(v) for v in answer.ravel().tolist()),
                shape=answer.shape, tolerance=tolerance, points=points)


def _number(value: Any) -> Number:
    """A plain ``int`` or finite ``float`` (numpy scalars and -0.0 normalised for stable output)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise VariantError(f"expected a number, got {value!r}")
    if isinstance(value, (int, np.integer)):
        return int(value)
    value = float(value)
    if not math.isfinite(value):
        raise VariantError(f"expected a finite number, got {value!r}")
    return value + 0.0  # turns -0.0 into 0.0


def discover_variants(problems_dir: Path | None = None) -> dict[str, Variants]:
    """Every problem that has a ``variants.py``, by id (its module is imported lazily, when asked)."""
    return {problem.id: Variants(problem) for problem in discover(problems_dir) if has_variants(problem)}
