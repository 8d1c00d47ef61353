"""The schedule, the DDPM formulas the checks compare with, and generated inputs for the reverse step."""

import numpy as np
from hypothesis import strategies as st

from gradekit.grading.problem import problem_here

PROBLEM = problem_here(__file__)
SCHEDULE, TRAINING = PROBLEM.table("schedule"), PROBLEM.training
T = SCHEDULE["T"]
BETAS = np.linspace(SCHEDULE["beta_start"], SCHEDULE["beta_end"], T)  # (T,) float64
ALPHA_BAR = np.cumprod(1.0 - BETAS)  # (T,)


def previous_alpha_bar(alpha_bar: np.ndarray, t: int) -> float:
    """ᾱ_{t−1}, with ᾱ_{−1} = 1 (nothing has been noised before the first step)."""
    return float(alpha_bar[t - 1]) if t > 0 else 1.0


def posterior_mean(x0: np.ndarray, x_t: np.ndarray, t: int, betas: np.ndarray, alpha_bar: np.ndarray) -> np.ndarray:
    """μ̃_t(x_t, x_0) = √ᾱ_{t−1} β_t/(1 − ᾱ_t) x_0 + √α_t (1 − ᾱ_{t−1})/(1 − ᾱ_t) x_t (Ho et al. eq. 7)."""
    beta, a_bar, a_prev = betas[t], alpha_bar[t], previous_alpha_bar(alpha_bar, t)
    return (np.sqrt(a_prev) * beta / (1 - a_bar)) * x0 + (np.sqrt(1 - beta) * (1 - a_prev) / (1 - a_bar)) * x_t


def posterior_std(t: int, betas: np.ndarray, alpha_bar: np.ndarray) -> float:
    """σ_t = √β̃_t, β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t) β_t: 0 at t = 0."""
    return float(np.sqrt((1 - previous_alpha_bar(alpha_bar, t)) / (1 - alpha_bar[t]) * betas[t]))


def sampling_timesteps(steps: int, total: int = T) -> np.ndarray:
    """The statement's τ: ``steps`` steps evenly spread over 0..T−1, rounded."""
    return np.round(np.linspace(0, total - 1, steps)).astype(np.int64)


def gaussian_chain_moments(mean: float, std: float, steps: int) -> tuple[float, float]:
    """Mean and variance of x_0 after ancestral sampling with the exact ε-predictor of N(mean, std²).

    That predictor is affine in x, ε*(x, τ) = k (x − √ᾱ_τ mean) with k = √(1 − ᾱ_τ)/(ᾱ_τ std² + 1 − ᾱ_τ),
    so every step x ← (x − β'_i/√(1 − ᾱ'_i) ε*)/√(1 − β'_i) + σ'_i z is affine in x plus independent
    Gaussian noise, and the moments follow exactly from x_T ~ N(0, 1) on the respaced chain.
    """
    tau = sampling_timesteps(steps)
    chain_alpha_bar = ALPHA_BAR[tau]
    chain_betas = 1 - chain_alpha_bar / np.concatenate([[1.0], chain_alpha_bar[:-1]])
    m, v = 0.0, 1.0
    for i in reversed(range(steps)):
        a, beta = chain_alpha_bar[i], chain_betas[i]
        k = np.sqrt(1 - a) / (a * std**2 + 1 - a)
        c = beta / np.sqrt(1 - a)
        slope = (1 - c * k) / np.sqrt(1 - beta)
        m = slope * m + c * k * np.sqrt(a) * mean / np.sqrt(1 - beta)
        v = slope**2 * v + posterior_std(i, chain_betas, chain_alpha_bar) ** 2
    return float(m), float(v)


@st.composite
def reverse_inputs(draw):
    """(t, betas, alpha_bar, x0, eps, noise): a random increasing-noise schedule, a step, and a small batch."""
    steps = draw(st.integers(1, 30))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    betas = np.sort(rng.uniform(draw(st.sampled_from([1e-4, 1e-2])), draw(st.sampled_from([0.05, 0.5])), steps))
    t = draw(st.integers(0, steps - 1))
    shape = (draw(st.integers(1, 3)), 1, draw(st.sampled_from([2, 4])), 2)
    x0, eps, noise = rng.uniform(-1, 1, shape), rng.standard_normal(shape), rng.standard_normal(shape)
    return t, betas, np.cumprod(1 - betas), x0, eps, noise


def fixed_reverse_inputs(steps: int = 5, t: int = 2, seed: int = 0):
    """One explicit example of ``reverse_inputs``: every check holds it whatever hypothesis draws."""
    rng = np.random.default_rng(seed)
    betas = np.linspace(0.01, 0.3, steps)
    shape = (2, 1, 2, 2)
    return t, betas, np.cumprod(1 - betas), rng.uniform(-1, 1, shape), rng.standard_normal(shape), \
        rng.standard_normal(shape)
