"""Latent arithmetic with the reference VAE on the attribute squares: train, answer a + b − c, read the answers.

The VAE and its training are the VAE problem's (``gradekit.models.vae``); the
arithmetic is the reference submission's (``references/latent_arithmetic.py``);
the data and the attribute reader are ``gradekit.data.attributes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from gradekit.calc.latent_arithmetic import latent_arithmetic
from gradekit.calc.vae import VAE
from gradekit.data.attributes import ATTRIBUTES, SIDE, ArithmeticQueries, read_attributes
from gradekit.models.training import TrainConfig
from gradekit.models.vae import VAEConfig


@dataclass(frozen=True)
class LatentArithmeticConfig:
    images: int = 2000  # training squares: 20 of each of the 96 attribute-and-position renderings on average
    queries: int = 200
    exemplars: int = 12  # images averaged for a and for c (Radford et al. averaged 3 faces; squares are noisier)
    vae: VAEConfig = field(default_factory=lambda: VAEConfig(latent_dim=4, train=TrainConfig(steps=800)))


@torch.no_grad()
def answer(model: VAE, queries: ArithmeticQueries) -> np.ndarray:
    """decode(z̄_a + z̄_b − z̄_c) for every query, as images (Q, 16, 16, 3)."""
    model.eval()
    device = next(model.parameters()).device
    a, b, c = (torch.from_numpy(group).to(device) for group in queries.flat())
    return latent_arithmetic(model, a, b, c).cpu().numpy().reshape(-1, SIDE, SIDE, 3)


def pixel_answer(queries: ArithmeticQueries) -> np.ndarray:
    """The same arithmetic on the pixels, mean(a) + mean(b) − mean(c), clipped to [0, 1]: (Q, 16, 16, 3)."""
    return np.clip(queries.a.mean(axis=1) + queries.b.mean(axis=1) - queries.c.mean(axis=1), 0.0, 1.0)


def score(answers: np.ndarray, queries: ArithmeticQueries) -> dict[str, float]:
    """How the answers read: all attributes right, the added one present, and each attribute right."""
    read = read_attributes(answers)  # (Q, 3)
    rows = np.arange(len(read))
    right = read == queries.target
    return {"accuracy": float(right.all(axis=1).mean()),
            "added_attribute_present": float(read[rows, queries.attribute].mean()),
            **{f"{name}_right": float(right[:, j].mean()) for j, name in enumerate(ATTRIBUTES)}}
