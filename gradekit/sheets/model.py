"""What a quiz is made of: statements, questions, sheets, and the key they imply.

A ``Quiz`` holds one ``Sheet`` per student; a sheet holds questions of three
kinds:

- ``NumericQuestion``: a calculation problem's variant; one or more ``Part``s,
  each with an answer (a number or an array) computed by the reference code
  and an absolute tolerance;
- ``ChoiceQuestion``: a true/false or multiple-choice item of the question bank,
  its options already shuffled for this student;
- ``ShortQuestion``: a short-answer item, answered on paper and marked by hand:
  automatic marking leaves it out (0 points there); its model answer is in the key.

Everything here is immutable plain data, so two quizzes made from the same
seed compare equal and render to the same bytes.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import ClassVar, Literal

Number = int | float
LETTERS = string.ascii_uppercase  # option letters: A, B, C, ...


# --- statement blocks -----------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """A paragraph of plain Unicode text (each format escapes it its own way)."""

    text: str


@dataclass(frozen=True)
class Matrix:
    """A grid of numbers shown as a matrix (an image, a pooling input)."""

    rows: tuple[tuple[Number, ...], ...]


@dataclass(frozen=True)
class Numbered:
    """A numbered list (the documents of a corpus)."""

    items: tuple[str, ...]


Block = Text | Matrix | Numbered


# --- questions -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """One answer box of a numeric question, and its key.

    ``answer`` is flat (row-major) with ``shape`` giving its layout: ``()`` for
    a single number, ``(4,)`` for a vector, ``(2, 2)`` for a grid. A student's
    answer is right when every number is within ``tolerance`` of the key's.
    """

    id: str  # "q3" or, in a multi-part question, "q3a", "q3b", ...
    ask: str
    answer: tuple[Number, ...]
    shape: tuple[int, ...]
    tolerance: float
    points: float

    @property
    def is_array(self) -> bool:
        return self.shape != ()

    @property
    def layout(self) -> str:
        """How the sheet asks for the numbers: "" for one, "4 numbers", "2×2, row by row"."""
        if len(self.shape) == 1:
            return f"{self.shape[0]} numbers"
        if len(self.shape) == 2:
            return "×".join(map(str, self.shape)) + ", row by row"
        return ""  # a single number (variants allow no more than two dimensions)

    @property
    def key_answer(self) -> Number | list[Number]:
        """The answer as ``key.json`` writes it: a number, or a flat row-major list."""
        return list(self.answer) if self.is_array else self.answer[0]

    @property
    def rows(self) -> tuple[tuple[Number, ...], ...]:
        """The answer as rows: one row for a scalar or a vector."""
        if len(self.shape) == 2:
            width = self.shape[1]
            return tuple(self.answer[i:i + width] for i in range(0, len(self.answer), width))
        return (self.answer,)


@dataclass(frozen=True)
class NumericQuestion:
    number: int
    problem: str  # the problem's id, e.g. "maxout"
    title: str
    statement: tuple[Block, ...]
    parts: tuple[Part, ...]

    kind: ClassVar[str] = "numeric"

    @property
    def points(self) -> float:
        return sum(p.points for p in self.parts)


@dataclass(frozen=True)
class ChoiceQuestion:
    """A true/false or multiple-choice item; ``answer`` indexes ``options``."""

    number: int
    item: str  # the bank item, "<topic>/<item id>"
    kind: Literal["truefalse", "multichoice"]
    prompt: str
    options: tuple[str, ...]  # ("True", "False") for a true/false item
    answer: int
    explanation: str
    points: float

    @property
    def id(self) -> str:
        return f"q{self.number}"

    @property
    def answer_letter(self) -> str:
        return LETTERS[self.answer]

    @property
    def key_answer(self) -> bool | str:
        """``key.json``'s answer: true/false for a true/false item, the option's letter otherwise."""
        if self.kind == "truefalse":
            return self.answer == 0
        return self.answer_letter


@dataclass(frozen=True)
class ShortQuestion:
    """A short-answer item: on the sheet, its model answer in the key, marked by hand."""

    number: int
    item: str
    prompt: str
    model_answer: str
    explanation: str
    hand_points: float  # what the person marking it may give

    kind: ClassVar[str] = "short"
    points: ClassVar[float] = 0.0  # automatic marking leaves it out

    @property
    def id(self) -> str:
        return f"q{self.number}"


Question = NumericQuestion | ChoiceQuestion | ShortQuestion


# --- sheets ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sheet:
    student: str  # "" for the unnamed sheet made without a roster
    questions: tuple[Question, ...]

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)

    def answer_ids(self) -> list[str]:
        """The ids a student answers in the answer CSV: numeric parts and choice items."""
        ids: list[str] = []
        for question in self.questions:
            if isinstance(question, NumericQuestion):
                ids += [part.id for part in question.parts]
            elif isinstance(question, ChoiceQuestion):
                ids.append(question.id)
        return ids


@dataclass(frozen=True)
class Quiz:
    seed: int
    variant: Literal["random", "exam"]
    sheets: tuple[Sheet, ...]
