"""Quiz variants: a maxout layer's output for a short integer vector."""

import numpy as np

from gradekit.calc.maxout import maxout
from gradekit.sheets.text import vector

# Exam Q1.9: 12 inputs into 4 units of 3 pieces each -> [3, 6, 1, 9].
EXAM_INPUT = [3, -1, 2, 6, 4, 5, -2, 0, 1, 7, 9, 8]
EXAM_UNITS = 4


def generate(rng: np.random.Generator) -> dict:
    units = int(rng.integers(2, 5))
    pieces = int(rng.integers(2, 5))  # the length is units * pieces, so the units always divide it
    x = rng.integers(-9, 10, size=units * pieces)
    return _variant(x, units)


def exam() -> dict:
    return _variant(np.array(EXAM_INPUT), EXAM_UNITS)


def _variant(x: np.ndarray, units: int) -> dict:
    pieces = len(x) // units
    return {
        "params": {"x": x.tolist(), "units": units},
        "statement": [
            f"A maxout layer has {units} units of {pieces} pieces each: unit k outputs the largest of "
            f"its {pieces} consecutive inputs (unit 1 takes inputs 1 to {pieces}, unit 2 the next "
            f"{pieces}, and so on).",
            f"Its input is x = {vector(x)}.",
        ],
        "parts": [{"ask": "the output y", "answer": np.asarray(maxout(x, units)), "tolerance": 0, "points": 2}],
    }
