"""Quiz variants: the KL term of a VAE for one encoder output (μ, log σ²) over two latent dimensions."""

import numpy as np
import torch

from gradekit.calc.gaussian_kl import gaussian_kl
from gradekit.sheets.text import vector

LATENT = 2  # two latent dimensions: a sum of two terms by hand
LOGVARS = (-1.0, -0.5, 0.0, 0.5, 1.0)  # log σ² as an encoder outputs it; σ² = e^(log σ²)


def generate(rng: np.random.Generator) -> dict:
    mu = rng.integers(-4, 5, size=LATENT) / 2  # halves from -2 to 2
    logvar = rng.choice(LOGVARS, size=LATENT)
    return _variant(mu, logvar)


def exam() -> dict:
    """The catalog's worked answer: μ = 0 and log σ² = 0 is the prior itself, so KL = 0."""
    return _variant(np.zeros(LATENT), np.zeros(LATENT))


def _variant(mu: np.ndarray, logvar: np.ndarray) -> dict:
    kl = gaussian_kl(torch.tensor(mu[None, :]), torch.tensor(logvar[None, :]))  # (1,): one sample
    return {
        "params": {"mu": mu.tolist(), "logvar": logvar.tolist()},
        "statement": [
            f"A VAE's encoder maps an input x to q(z | x) = N(μ, diag σ²) over {LATENT} latent dimensions, "
            f"giving μ = {vector(mu)} and log σ² = {vector(logvar)} (natural log).",
            "Compute KL(q(z | x) ‖ N(0, I)) = ½ ∑ⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²), summed over the latent dimensions.",
        ],
        "parts": [{"ask": "KL, in nats", "answer": float(kl[0]), "tolerance": 0.01, "points": 3}],
    }

