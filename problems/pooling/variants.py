"""Quiz variants: 2x2 max and average pooling (stride 2) of a 4x4 grid, as in the lecture."""

import numpy as np

from gradekit.calc.pooling import avg_pool2d, max_pool2d

from .strategies import EXAM_GRID  # the lecture's slide: max [[13, 22], [17, 4]], average [[7, 15.5], [9, 2.5]]

SIDE = 4
POINTS = 4  # per 2×2 output: one point a number (Moodle's cloze weights are whole numbers)


def generate(rng: np.random.Generator) -> dict:
    return _variant(rng.integers(0, 25, size=(SIDE, SIDE)))


def exam() -> dict:
    return _variant(np.array(EXAM_GRID))


def _variant(grid: np.ndarray) -> dict:
    return {
        "params": {"grid": grid.tolist()},
        "statement": [
            "A 4×4 feature map:",
            {"matrix": grid.tolist()},
            "Pool it with a 2×2 window and stride 2 (non-overlapping blocks).",
        ],
        "parts": [
            {"ask": "max pooling", "answer": np.asarray(max_pool2d(grid, size=2)), "tolerance": 0, "points": POINTS},
            {"ask": "average pooling", "answer": np.asarray(avg_pool2d(grid, size=2)), "tolerance": 0.01,
             "points": POINTS},
        ],
    }
