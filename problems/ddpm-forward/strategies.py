"""Beta schedules, timesteps and image batches for the checks.

The main properties draw ordinary chains (three steps or more, a step strictly inside the chain) and
batches (two samples or more, every side 2 or more); a one-step chain and the chain's first and last
steps are the edge check's own.
"""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

T_DEFAULT, BETA_START, BETA_END = 1000, 1e-4, 0.02  # Ho et al. 2020, §4
DEFAULT_BETAS = np.linspace(BETA_START, BETA_END, T_DEFAULT)  # (T,) float64
DEFAULT_ALPHA_BAR = np.cumprod(1.0 - DEFAULT_BETAS)  # (T,): ᾱ_999 ≈ 4.0e-5
PURE_NOISE = 1e-4  # ᾱ_T of the default schedule lies below this: x_T is almost pure noise
# ᾱ and x_t are compared to float32 accuracy: torch's default dtype is right (a float32 ᾱ of the default
# schedule is within 4e-7 of float64's), while a step off by one changes ᾱ by a factor 1 - β, β >= 1e-5.
ALPHA_BAR_TOLERANCE = {"rtol": 1e-5, "atol": 1e-12}
SAMPLE_TOLERANCE = {"rtol": 1e-5, "atol": 1e-6}  # x_t: O(1) terms that may cancel


@st.composite
def schedules(draw, steps=st.integers(2, 60)):
    """``(T, beta_start, beta_end)`` with 0 < beta_start < beta_end < 1."""
    count = draw(steps)
    start = draw(st.floats(1e-5, 0.05))
    end = draw(st.floats(start + 1e-3, 0.5))
    return count, start, end


def betas(length=st.integers(2, 40)):
    """Any noise levels in (0, 0.5], not necessarily linear or sorted."""
    return length.flatmap(lambda n: hnp.arrays(np.float64, (n,), elements=st.floats(1e-5, 0.5)))


def batch_shapes():
    """(B,), (B, D) or (B, C, H, W): the batch dimension first, every side 2 or more."""
    batch = st.integers(2, 4)
    side = st.integers(2, 4)
    return st.one_of(st.tuples(batch), st.tuples(batch, side), st.tuples(batch, side, side, side))


@st.composite
def forward_samples(draw, shapes=batch_shapes()):
    """``(x0, t, noise, alpha_bar)``: images, one step per image strictly inside the chain, unit-normal noise, ᾱ."""
    alpha_bar = np.cumprod(1.0 - draw(betas(length=st.integers(3, 40))))  # (T,), T >= 3
    shape = draw(shapes)
    t = draw(hnp.arrays(np.int64, (shape[0],), elements=st.integers(1, alpha_bar.size - 2)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.uniform(-1, 1, shape), t, rng.standard_normal(shape), alpha_bar


def fixed_sample(shape: tuple, t: list, seed: int) -> tuple:
    """An explicit ``forward_samples`` example on the default schedule."""
    rng = np.random.default_rng(seed)
    return rng.uniform(-1, 1, shape), np.array(t), rng.standard_normal(shape), DEFAULT_ALPHA_BAR
