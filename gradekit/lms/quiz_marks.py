"""The quiz's short answers, marked by hand in ``marks.csv``, checked against the quiz's key (pure).

The file is the one ``merge-marks`` reads: a row per student and short-answer
question (``item`` is the question's id, ``q7``); ``max_points`` may be left
empty (the key has it) and must otherwise agree with the key.
"""

from __future__ import annotations

from gradekit.lms.hand_marks import HandMark, MarksError
from gradekit.sheets.key import Key


def quiz_hand_marks(marks: list[HandMark], key: Key) -> dict[str, dict[str, str]]:
    """student -> short question id -> its points (as ``mark_answers`` takes them); every fault a ``MarksError``."""
    faults: list[str] = []
    found: dict[str, dict[str, str]] = {}
    for mark in marks:
        where = f"row {mark.row}: {mark.student}'s {mark.item!r}"
        question = next((q for q in key.sheets.get(mark.student, []) if q.id == mark.item), None)
        if mark.student not in key.sheets:
            faults.append(f"row {mark.row}: {mark.student!r} has no sheet in the key")
        elif question is None or question.kind != "short":
            faults.append(f"{where} is not a short-answer question of that sheet (those: "
                          f"{', '.join(q.id for q in key.sheets[mark.student] if q.kind == 'short') or 'none'})")
        elif mark.max_points is not None and mark.max_points != question.hand_points:
            faults.append(f"{where}: max_points {mark.max_points:g}, but the key gives it {question.hand_points:g}")
        elif mark.points > question.hand_points:
            faults.append(f"{where}: {mark.points:g} points, more than its {question.hand_points:g}")
        else:
            found.setdefault(mark.student, {})[mark.item] = f"{mark.points:g}"
    if faults:
        raise MarksError("\n".join(faults))
    return found
