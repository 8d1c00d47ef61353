"""Quiz variants: a maxout layer's output for a short integer vector."""

import numpy as np

from gradekit.calc.maxout import maxout
from gradekit.sheets.text import vector

from .strategies import EXAM_INPUT, EXAM_UNITS  # exam Q1.9: 4 units of 3 pieces -> [3, 6, 1, 9]


UNITS = (2, 4)  # each output is one answer field: POINTS must share out over them in whole points
POINTS = 4  # the exam's 4 units, one point each (Moodle's cloze weights are whole numbers)


def generate(rng: np.random.Generator) -> dict:
    units = int(rng.choice(UNITS))
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
        "parts": [{"ask": "the output y", "answer": np.asarray(maxout(x, units)), "tolerance": 0,
                   "points": POINTS}],
    }
