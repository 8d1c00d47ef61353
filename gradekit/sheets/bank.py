"""The conceptual question bank: one TOML file per topic under ``questions/``.

A topic file holds a ``topic`` title and a list of ``[[items]]``:

    topic = "Variational autoencoders"

    [[items]]
    id = "blurry-samples"                 # unique within the file
    kind = "multichoice"                  # truefalse | multichoice | short
    source = "exam Q1.4"                  # where the course asks it
    prompt = "Why do VAEs tend to produce blurry images?"
    correct = "..."                       # multichoice: the right option
    wrong = ["...", "..."]                # multichoice: the distractors
    # answer = true                       # truefalse: the statement's truth
    # model_answer = "..."                # short: what the marker looks for
    explanation = "One line on why."
    # points = 2                          # default: 1 true/false, 2 multiple choice, 2 short (by hand)

Like ``problems/``, the bank is course content rather than library code, so it
lives at the top of the checkout (or wherever ``$GRADEKIT_QUESTIONS`` points)
and a TA edits it without touching the package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from gradekit.sheets.model import ChoiceQuestion, ShortQuestion
from gradekit.tomlfile import TOMLDecodeError, loads

KINDS = ("truefalse", "multichoice", "short")
DEFAULT_POINTS = {"truefalse": 1.0, "multichoice": 2.0, "short": 2.0}  # a short answer's are given by hand
TRUE_FALSE = ("True", "False")


class BankError(Exception):
    """A bank file that cannot be used as it is, named with its path and item."""


@dataclass(frozen=True)
class Item:
    topic: str  # the file's stem, e.g. "vae"
    id: str
    kind: Literal["truefalse", "multichoice", "short"]  # one of KINDS
    prompt: str
    explanation: str
    source: str = ""
    answer: bool | None = None  # truefalse
    correct: str = ""  # multichoice
    wrong: tuple[str, ...] = ()  # multichoice
    model_answer: str = ""  # short
    points: float = 0.0

    @property
    def key(self) -> str:
        return f"{self.topic}/{self.id}"

    def ask(self, number: int, rng: np.random.Generator) -> ChoiceQuestion | ShortQuestion:
        """This item as question ``number``; ``rng`` shuffles a multiple choice's options."""
        if self.kind == "short":
            return ShortQuestion(number=number, item=self.key, prompt=self.prompt, model_answer=self.model_answer,
                                 explanation=self.explanation, hand_points=self.points)
        if self.kind == "truefalse":
            options, answer = TRUE_FALSE, 0 if self.answer else 1
        else:
            order = rng.permutation(1 + len(self.wrong))  # option i of the sheet is choices[order[i]]
            choices = (self.correct, *self.wrong)
            options = tuple(choices[i] for i in order)
            answer = int(np.flatnonzero(order == 0)[0])
        return ChoiceQuestion(number=number, item=self.key, kind=self.kind, prompt=self.prompt,
                              options=options, answer=answer, explanation=self.explanation,
                              points=self.points)


@dataclass(frozen=True)
class Bank:
    topics: dict[str, str]  # topic id -> title
    items: tuple[Item, ...]  # sorted by topic, then file order

    def select(self, *, topic: str | None = None, kind: str | None = None) -> list[Item]:
        return [item for item in self.items
                if (topic is None or item.topic == topic) and (kind is None or item.kind == kind)]


def default_bank_dir() -> Path:
    """``$GRADEKIT_QUESTIONS``, else the course's ``questions/`` (``gradekit.course``)."""
    from gradekit.course.course import CourseError, resolve_course

    if os.environ.get("GRADEKIT_QUESTIONS"):
        return Path(os.environ["GRADEKIT_QUESTIONS"])
    try:
        return resolve_course().questions_dir
    except CourseError as error:
        raise BankError(str(error)) from None


def load_bank(folder: Path | None = None) -> Bank:
    root = Path(folder) if folder else default_bank_dir()
    if not root.is_dir():
        raise BankError(f"no question bank at {root} (set --bank-dir or $GRADEKIT_QUESTIONS)")
    topics: dict[str, str] = {}
    items: list[Item] = []
    for path in sorted(root.glob("*.toml")):
        try:
            data = loads(path.read_text(encoding="utf-8"))
        except TOMLDecodeError as error:
            raise BankError(f"{path}: {error}") from None
        topics[path.stem] = str(data.get("topic", path.stem))
        seen: set[str] = set()
        for index, raw in enumerate(data.get("items", [])):
            item = _item(path, index, raw)
            if item.id in seen:
                raise BankError(f"{path}: two items have the id {item.id!r}")
            seen.add(item.id)
            items.append(item)
    return Bank(topics=topics, items=tuple(items))


def _item(path: Path, index: int, raw: dict) -> Item:
    where = f"{path}: item {raw.get('id', index + 1)!r}"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise BankError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    needs = {"truefalse": ("answer",), "multichoice": ("correct", "wrong"), "short": ("model_answer",)}[kind]
    missing = [key for key in ("id", "prompt", "explanation", *needs) if key not in raw]
    if missing:
        raise BankError(f"{where}: missing {', '.join(missing)}")
    if kind == "truefalse" and not isinstance(raw["answer"], bool):
        raise BankError(f"{where}: a true/false answer is true or false, got {raw['answer']!r}")
    if kind == "multichoice" and not (1 <= len(raw["wrong"]) <= 25):
        raise BankError(f"{where}: a multiple choice needs 1 to 25 wrong options")
    unknown = set(raw) - {"id", "kind", "prompt", "explanation", "source", "answer", "correct", "wrong",
                          "model_answer", "points"}
    if unknown:
        raise BankError(f"{where}: unknown keys {sorted(unknown)}")
    return Item(topic=path.stem, id=str(raw["id"]), kind=kind, prompt=str(raw["prompt"]).strip(),
                explanation=str(raw["explanation"]).strip(), source=str(raw.get("source", "")),
                answer=raw.get("answer"), correct=str(raw.get("correct", "")),
                wrong=tuple(str(w) for w in raw.get("wrong", ())),
                model_answer=str(raw.get("model_answer", "")).strip(),
                points=float(raw.get("points", DEFAULT_POINTS[kind])))
