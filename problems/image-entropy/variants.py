"""Quiz variants: a 4x4 image of a few bits whose entropy is computed by hand.

Pixel counts are powers of two that add up to 16 (the exam's image has eight
values twice each), so every probability is 2^-k and the entropy is exact
with pencil and paper: H = ∑ (count/16) · log₂(16/count), a multiple of 1/16
from 1 (two values, 8 pixels each) to 4 (sixteen values, one pixel each).

The entropy is drawn first, evenly over the 21 values such images can have,
then a histogram with that entropy: drawing the bit depth first gave most
sheets H = 1 (one bit leaves one histogram, 8 + 8).
"""

from fractions import Fraction
from functools import lru_cache
from itertools import combinations_with_replacement

import numpy as np

from gradekit.calc.image_entropy import image_entropy

from .strategies import EXAM_IMAGE

SIDE = 4  # a 4x4 image: 16 pixels, as in the exam
MAX_BITS = 4  # at most 16 values: one pixel each


def generate(rng: np.random.Generator) -> dict:
    by_entropy = _histograms_by_entropy()
    entropies = sorted(by_entropy)
    choices = by_entropy[entropies[int(rng.integers(len(entropies)))]]
    counts = list(choices[int(rng.integers(len(choices)))])
    fewest_bits = max(1, (len(counts) - 1).bit_length())  # enough levels for every value
    bits = int(rng.integers(fewest_bits, MAX_BITS + 1)) if rng.random() < 0.5 else fewest_bits  # unused levels add 0
    levels = rng.choice(2**bits, size=len(counts), replace=False)
    pixels = rng.permutation(np.repeat(levels, counts))
    return _variant(pixels.reshape(SIDE, SIDE), bits)


def exam() -> dict:
    """Exam Q2a: each of the 8 values of a 3-bit image twice: H = 3 bits."""
    return _variant(np.array(EXAM_IMAGE), bits=3)


@lru_cache(maxsize=1)
def _histograms_by_entropy() -> dict[Fraction, list[tuple[int, ...]]]:
    """Every histogram of 2 to 16 power-of-two counts adding up to 16, by its entropy (exact).

    A count 16 / 2^d has probability 2^-d and adds d · 2^-d bits.
    """
    pixels = SIDE * SIDE
    found: dict[Fraction, list[tuple[int, ...]]] = {}
    for values in range(2, 2**MAX_BITS + 1):
        for depths in combinations_with_replacement(range(1, MAX_BITS + 1), values):
            if sum(Fraction(1, 2**d) for d in depths) == 1:
                entropy = sum(Fraction(d, 2**d) for d in depths)
                found.setdefault(entropy, []).append(tuple(pixels // 2**d for d in depths))
    return found


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
