"""From a seed, a roster and a question request to a ``Quiz``: which questions, which numbers.

Two levels of randomness, both from the seed alone (see ``seeding``):

- the class level (student ``""``): which bank items the quiz asks, and which
  calculations the default sheet draws, so every student answers the same
  kinds of questions in the same order;
- the student level: each calculation's numbers and each multiple choice's
  option order, so neighbours' sheets differ.

``--variant exam`` replaces every calculation's numbers with the course exam's
own (the problem's ``exam()``), for checking the key against worked answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from gradekit.sheets.bank import KINDS, Bank, Item
from gradekit.sheets.model import Question, Quiz, Sheet
from gradekit.sheets.seeding import check_seed, rng_for
from gradekit.sheets.variants import VariantError, Variants

Variant = Literal["random", "exam"]

# The default sheet: a mix a one-hour quiz can hold.
DEFAULT_CALCULATIONS = 4
DEFAULT_ITEMS = (("truefalse", 2), ("multichoice", 2), ("short", 1))


class QuizError(ValueError):
    """A quiz request that cannot be met (unknown problem, too few bank items, a bad roster)."""


@dataclass(frozen=True)
class Request:
    """One entry of ``--questions``: a problem id, a bank topic or an item kind, and a count."""

    name: str
    count: int


@dataclass(frozen=True)
class _CalculationSlot:
    variants: Variants
    occurrence: int  # 1 for a problem's first question on the sheet, 2 for its second, ...


Slot = _CalculationSlot | Item


def parse_questions(text: str) -> list[Request]:
    """``"image-entropy:2,maxout:1,truefalse:3"`` -> requests; a name without a count means 1."""
    requests = []
    for entry in filter(None, (e.strip() for e in text.split(","))):
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(?::(\d+))?", entry)
        if not match:
            raise QuizError(f"cannot read {entry!r} in --questions: write name:count, e.g. maxout:2")
        count = int(match.group(2) or 1)
        if count < 1:
            raise QuizError(f"{entry!r} in --questions: the count must be at least 1")
        requests.append(Request(match.group(1), count))
    if not requests:
        raise QuizError("--questions is empty")
    return requests


def make_quiz(*, seed: int, students: Sequence[str] | None, variants: dict[str, Variants], bank: Bank,
              requests: Sequence[Request] | None = None, variant: Variant = "random") -> Quiz:
    """One sheet per student (one unnamed sheet without a roster), all asking the same slots."""
    check_seed(seed)
    if variant not in ("random", "exam"):
        raise QuizError(f"unknown variant {variant!r}: random or exam")
    roster = _check_roster(students)
    slots = _plan(seed, list(requests) if requests else _default_requests(seed, variants, bank, variant),
                  variants, bank)
    if not slots:
        raise QuizError("nothing to ask: no problem has a variants.py and the question bank is empty")
    if variant == "exam":
        missing = sorted({s.variants.problem.id for s in slots
                          if isinstance(s, _CalculationSlot) and not s.variants.has_exam})
        if missing:
            raise QuizError(f"no exam variant for {', '.join(missing)}: their variants.py defines no exam()")
    sheets = tuple(Sheet(student, tuple(_ask(slot, number, seed, student, variant)
                                        for number, slot in enumerate(slots, start=1)))
                   for student in roster)
    columns = sheets[0].answer_ids()
    for sheet in sheets[1:]:
        if sheet.answer_ids() != columns:
            raise VariantError(f"the sheets of {sheets[0].student!r} and {sheet.student!r} have different parts: "
                               "a problem's variants must always have the same parts")
    return Quiz(seed=seed, variant=variant, sheets=sheets)


def _check_roster(students: Sequence[str] | None) -> list[str]:
    if students is None:
        return [""]
    roster = [str(s) for s in students]
    if not roster:
        raise QuizError("the roster names no student")
    if any(not s.strip() for s in roster):
        raise QuizError("the roster has an empty student id")
    duplicates = sorted({s for s in roster if roster.count(s) > 1})
    if duplicates:
        raise QuizError(f"the roster names {', '.join(duplicates)} more than once")
    return roster


def _default_requests(seed: int, variants: dict[str, Variants], bank: Bank, variant: Variant) -> list[Request]:
    """Calculations, then true/false, multiple choice and a short answer.

    The calculations are a few drawn from those with variants; with exam
    numbers, every problem that has them, so the whole key can be checked
    against the course's worked answers.
    """
    if variant == "exam":
        requests = [Request(problem, 1) for problem in sorted(variants) if variants[problem].has_exam]
    else:
        problems = sorted(variants)
        count = min(DEFAULT_CALCULATIONS, len(problems))
        drawn = rng_for(seed, "", "default/calculations").choice(len(problems), size=count, replace=False)
        requests = [Request(problems[i], 1) for i in sorted(drawn)]
    available = {kind: len(bank.select(kind=kind)) for kind, _ in DEFAULT_ITEMS}
    requests += [Request(kind, min(n, available[kind])) for kind, n in DEFAULT_ITEMS if available[kind]]
    return requests


def _plan(seed: int, requests: list[Request], variants: dict[str, Variants], bank: Bank) -> list[Slot]:
    """The sheet's slots in order: calculations by name, bank items drawn without repeats."""
    slots: list[Slot] = []
    requested: dict[str, int] = {}  # requests seen per name: names each draw's generator
    calculations: dict[str, int] = {}  # questions made per problem: names each variant's generator
    taken: set[str] = set()
    for request in requests:
        requested[request.name] = requested.get(request.name, 0) + 1
        if request.name in variants:
            for _ in range(request.count):
                calculations[request.name] = calculations.get(request.name, 0) + 1
                slots.append(_CalculationSlot(variants[request.name], calculations[request.name]))
            continue
        if request.name in bank.topics:
            pool = bank.select(topic=request.name)
        elif request.name in KINDS:
            pool = bank.select(kind=request.name)
        else:
            raise QuizError(f"unknown question source {request.name!r}; calculations: "
                            f"{', '.join(sorted(variants)) or 'none'}; bank topics: "
                            f"{', '.join(sorted(bank.topics)) or 'none'}; kinds: {', '.join(KINDS)}")
        pool = [item for item in pool if item.key not in taken]
        if len(pool) < request.count:
            raise QuizError(f"{request.name}:{request.count} asks for more items than the bank has left "
                            f"({len(pool)})")
        rng = rng_for(seed, "", f"bank/{request.name}/{requested[request.name]}")
        for index in rng.choice(len(pool), size=request.count, replace=False):
            slots.append(pool[index])
            taken.add(pool[index].key)
    return slots


def _ask(slot: Slot, number: int, seed: int, student: str, variant: Variant) -> Question:
    if isinstance(slot, Item):
        return slot.ask(number, rng_for(seed, student, f"options/{slot.key}"))
    problem = slot.variants.problem.id
    if variant == "exam":
        data = slot.variants.exam()
    else:
        data = slot.variants.generate(rng_for(seed, student, f"{problem}/{slot.occurrence}"))
    return slot.variants.question(number, data)
