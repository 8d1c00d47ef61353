"""Quiz variants: a short linear beta schedule, its ᾱ at an early step, and one forward sample q(x_t | x_0).

Steps are numbered t = 1..T on the sheet, as in Ho et al. 2020; the reference's
tensors are indexed from 0, so step t is index t - 1.
"""

import numpy as np
import torch

from gradekit.calc.ddpm_forward import alpha_bar, linear_beta_schedule, q_sample

STEPS = (1, 2, 3, 4, 5)  # β grows by this many hundredths each step
BETAS_AT_T = range(3, 31)  # βₜ in hundredths, drawn evenly: drawing β₁ and the step made a few βₜ common


def generate(rng: np.random.Generator) -> dict:
    steps = int(rng.integers(4, 11))
    t = int(rng.integers(2, 4))  # ᾱ_t is a product of 2 or 3 factors: done by hand
    beta_t = int(rng.choice(BETAS_AT_T))
    step = int(rng.choice([s for s in STEPS if beta_t - (t - 1) * s >= 1]))  # β₁ at least 0.01
    beta_start = (beta_t - (t - 1) * step) / 100
    beta_end = round(beta_start + (steps - 1) * step / 100, 10)  # at most 0.75: every β < 1
    x0 = float(rng.choice([-1.0, -0.5, 0.5, 1.0]))
    noise = float(rng.integers(-3, 4) / 2)
    return _variant(steps, beta_start, beta_end, t, x0, noise)


def _variant(steps: int, beta_start: float, beta_end: float, t: int, x0: float, noise: float) -> dict:
    betas = linear_beta_schedule(steps, beta_start=beta_start, beta_end=beta_end).double()  # (T,)
    alpha_bars = alpha_bar(betas)  # (T,)
    x_t = q_sample(torch.tensor([x0], dtype=torch.float64), torch.tensor([t - 1]),
                   torch.tensor([noise], dtype=torch.float64), alpha_bars)  # (1,)
    return {
        "params": {"T": steps, "beta_start": beta_start, "beta_end": beta_end, "t": t, "x0": x0, "noise": noise},
        "statement": [
            f"A diffusion model uses T = {steps} steps, t = 1 to {steps}, with a linear schedule: "
            f"β₁ = {beta_start:g} at the first step, {beta_end:g} at the last, evenly spaced in between.",
            "With αₜ = 1 − βₜ and ᾱₜ = α₁ α₂ ⋯ αₜ, the forward process samples "
            "xₜ = √ᾱₜ x₀ + √(1 − ᾱₜ) ε.",
            f"Take x₀ = {x0:g} and ε = {noise:g}.",
        ],
        "parts": [
            {"ask": f"β at step t = {t}", "answer": float(betas[t - 1]), "tolerance": 0.001, "points": 1},
            {"ask": f"ᾱ at step t = {t}", "answer": float(alpha_bars[t - 1]), "tolerance": 0.001, "points": 1},
            {"ask": f"xₜ at step t = {t}", "answer": float(x_t[0]), "tolerance": 0.01, "points": 2},
        ],
    }
