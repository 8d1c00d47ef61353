"""The answer key as data: ``key.json`` out of a ``Quiz``, back into ``KeyQuestion``s, and the answer CSV's template.

``key.json``:

    {"seed": 7, "variant": "random",
     "sheets": [{"student": "ada",
                 "questions": [{"id": "q1", "problem": "maxout", "kind": "numeric",
                                "answer": [3, 6, 1, 9], "tolerance": 0.0, "points": 2.0}, ...]}]}

``answer`` is a number or a flat row-major list for a numeric part, ``true`` or
``false`` for a true/false item, the option's letter for a multiple choice
(which also records its number of ``choices``), and the model answer's text for
a short-answer item: a person marks it (out of ``hand_points``), so automatic
marking leaves it out and its ``points`` are 0.
``tolerance`` is absolute: an answer within it of every number is right.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from typing import Any

from gradekit.sheets.model import ChoiceQuestion, NumericQuestion, Quiz, Sheet

KEY_KINDS = ("numeric", "truefalse", "multichoice", "short")


class KeyFileError(ValueError):
    """A ``key.json`` that cannot be read, with where the problem is."""


@dataclass(frozen=True)
class KeyQuestion:
    id: str
    problem: str
    kind: str
    answer: Any  # float | list[float] | bool | str, as described above
    tolerance: float
    points: float
    choices: int = 0  # multiple choice only
    hand_points: float = 0.0  # short answer only: its points, given by hand (merge-marks' marks.csv)

    @property
    def answerable(self) -> bool:
        """Whether the answer CSV has a column for it (a short answer is marked by hand)."""
        return self.kind != "short"


@dataclass(frozen=True)
class Key:
    seed: int
    sheets: dict[str, list[KeyQuestion]]  # student -> questions, in sheet order

    @property
    def columns(self) -> list[str]:
        """The answer CSV's question columns: every sheet's answerable ids, in order (for a key
        gradekit wrote, every sheet has the same)."""
        return list(dict.fromkeys(q.id for questions in self.sheets.values() for q in questions if q.answerable))


def key_dict(quiz: Quiz) -> dict:
    return {"seed": quiz.seed, "variant": quiz.variant,
            "sheets": [{"student": sheet.student, "questions": _sheet_entries(sheet)} for sheet in quiz.sheets]}


def dump_key(quiz: Quiz) -> str:
    """``key.json``'s text: stable key order, no timestamps, so a seed gives the same bytes."""
    return json.dumps(key_dict(quiz), indent=2, ensure_ascii=False) + "\n"


def _sheet_entries(sheet: Sheet) -> list[dict]:
    entries: list[dict] = []
    for question in sheet.questions:
        if isinstance(question, NumericQuestion):
            entries += [{"id": part.id, "problem": question.problem, "kind": "numeric", "answer": part.key_answer,
                         "tolerance": part.tolerance, "points": part.points} for part in question.parts]
        elif isinstance(question, ChoiceQuestion):
            entry = {"id": question.id, "problem": question.item, "kind": question.kind,
                     "answer": question.key_answer, "tolerance": 0.0, "points": question.points}
            if question.kind == "multichoice":
                entry["choices"] = len(question.options)
            entries.append(entry)
        else:
            entries.append({"id": question.id, "problem": question.item, "kind": "short",
                            "answer": question.model_answer, "tolerance": 0.0, "points": 0.0,
                            "hand_points": question.hand_points})
    return entries


def answer_template(quiz: Quiz) -> str:
    """A blank answer CSV: ``student,<question ids>``, one empty row per student."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = quiz.sheets[0].answer_ids()
    writer.writerow(["student", *columns])
    for sheet in quiz.sheets:
        writer.writerow([sheet.student, *([""] * len(columns))])
    return buffer.getvalue()


def read_key(text: str, source: str = "key.json") -> Key:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise KeyFileError(f"{source} is not JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sheets"), list):
        raise KeyFileError(f"{source}: expected an object with a 'sheets' list")
    sheets: dict[str, list[KeyQuestion]] = {}
    for index, sheet in enumerate(data["sheets"]):
        where = f"{source}: sheets[{index}]"
        if not isinstance(sheet, dict) or not isinstance(sheet.get("student"), str):
            raise KeyFileError(f"{where}: needs a 'student' string")
        if sheet["student"] in sheets:
            raise KeyFileError(f"{where}: student {sheet['student']!r} appears twice")
        sheets[sheet["student"]] = [_key_question(q, f"{where}.questions[{i}]")
                                    for i, q in enumerate(sheet.get("questions", []))]
    if not sheets:
        raise KeyFileError(f"{source}: holds no sheet")
    return Key(seed=int(data.get("seed", 0)), sheets=sheets)


def _key_question(raw: Any, where: str) -> KeyQuestion:
    if not isinstance(raw, dict):
        raise KeyFileError(f"{where}: expected an object")
    missing = [k for k in ("id", "problem", "answer", "tolerance", "points") if k not in raw]
    if missing:
        raise KeyFileError(f"{where}: missing {', '.join(missing)}")
    kind = raw.get("kind", "numeric")
    if kind not in KEY_KINDS:
        raise KeyFileError(f"{where}: unknown kind {kind!r}")
    answer = raw["answer"]
    valid = {
        "numeric": _is_number(answer) or (isinstance(answer, list) and answer and all(map(_is_number, answer))),
        "truefalse": isinstance(answer, bool),
        "multichoice": isinstance(answer, str) and len(answer) == 1 and answer.isalpha(),
        "short": isinstance(answer, str),
    }[kind]
    if not valid:
        raise KeyFileError(f"{where}: {answer!r} is not a {kind} answer")
    return KeyQuestion(id=str(raw["id"]), problem=str(raw["problem"]), kind=kind, answer=answer,
                       tolerance=float(raw["tolerance"]), points=float(raw["points"]),
                       choices=int(raw.get("choices", 0)), hand_points=float(raw.get("hand_points", 0.0)))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
