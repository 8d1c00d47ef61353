"""Quiz variants: the Fréchet distance between two small Gaussians with diagonal covariances.

Variances are perfect squares, so the matrix square root of a diagonal
covariance product is read off: the distance is ‖μ₁ − μ₂‖² + ∑ⱼ (σ₁ⱼ − σ₂ⱼ)².
"""

import numpy as np

from gradekit.calc.fid import frechet_distance
from gradekit.sheets.text import vector

VARIANCES = (0.25, 1.0, 4.0, 9.0)  # σ = 0.5, 1, 2, 3


def generate(rng: np.random.Generator) -> dict:
    dim = int(rng.integers(1, 3))  # 1-D or 2-D
    mu1, mu2 = (rng.integers(-6, 7, size=dim) / 2 for _ in range(2))
    var1, var2 = (rng.choice(VARIANCES, size=dim) for _ in range(2))
    return _variant(mu1, var1, mu2, var2)


def exam() -> dict:
    """The catalog's worked answer: same covariance, so FID = ‖μ₁ − μ₂‖² = 1 + 4 = 5."""
    return _variant(np.array([1.0, 2.0]), np.array([1.0, 4.0]), np.array([0.0, 0.0]), np.array([1.0, 4.0]))


def _variant(mu1: np.ndarray, var1: np.ndarray, mu2: np.ndarray, var2: np.ndarray) -> dict:
    distance = frechet_distance(mu1, np.diag(var1), mu2, np.diag(var2))
    return {
        "params": {"mu1": mu1.tolist(), "var1": var1.tolist(), "mu2": mu2.tolist(), "var2": var2.tolist()},
        "statement": [
            f"Two Gaussians in {len(mu1)} dimension{'s' * (len(mu1) > 1)} with diagonal covariances: "
            f"N₁ has mean {vector(mu1)} and variances {vector(var1)}; "
            f"N₂ has mean {vector(mu2)} and variances {vector(var2)}.",
            "Compute their Fréchet distance (the FID formula): "
            "d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 √(Σ₁ Σ₂)).",
        ],
        "parts": [{"ask": "d²", "answer": distance, "tolerance": 0.01, "points": 3}],
    }

