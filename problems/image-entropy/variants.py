"""Quiz variants: a 4x4 image of a few bits whose entropy is computed by hand.

Pixel counts are powers of two that add up to 16 (the exam's image has eight
values twice each), so every probability is 2^-k and the entropy is exact
with pencil and paper.
"""

import numpy as np

from gradekit.calc.image_entropy import image_entropy

from .strategies import EXAM_IMAGE

SIDE = 4  # a 4x4 image: 16 pixels, as in the exam


def generate(rng: np.random.Generator) -> dict:
    bits = int(rng.integers(1, 4))  # 1 to 3 bits: at most 8 levels
    counts = _power_of_two_counts(rng, total=SIDE * SIDE, max_parts=2**bits)
    levels = rng.choice(2**bits, size=len(counts), replace=False)
    pixels = rng.permutation(np.repeat(levels, counts))
    return _variant(pixels.reshape(SIDE, SIDE), bits)


def exam() -> dict:
    """Exam Q2a: each of the 8 values of a 3-bit image twice: H = 3 bits."""
    return _variant(np.array(EXAM_IMAGE), bits=3)


def _power_of_two_counts(rng: np.random.Generator, total: int, max_parts: int) -> list[int]:
    """Split ``total`` (a power of two) into 2 to ``max_parts`` power-of-two counts by halving."""
    counts = [total]
    for _ in range(int(rng.integers(1, max_parts))):  # each halving adds one part
        splittable = [i for i, c in enumerate(counts) if c > 1]
        half = counts.pop(splittable[int(rng.integers(len(splittable)))]) // 2
        counts += [half, half]
    return counts


def _variant(image: np.ndarray, bits: int) -> dict:
    return {
        "params": {"image": image.tolist(), "bits": bits},
        "statement": [
            f"A 4×4 image of {bits} bit{'s' * (bits > 1)} per pixel (values 0 to {2**bits - 1}):",
            {"matrix": image.tolist()},
            "Compute the Shannon entropy of its pixel histogram, in bits: H = −∑ pᵢ log₂ pᵢ, "
            "where pᵢ is the fraction of pixels with value i (a value that never occurs adds nothing).",
        ],
        "parts": [{"ask": "H, in bits", "answer": image_entropy(image), "tolerance": 0.01, "points": 4}],
    }
