"""Encoder outputs for the checks: (mu, log sigma^2) pairs of shape (batch, latent)."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


def floats32(low: float, high: float):
    return st.floats(low, high, width=32)


@st.composite
def encoder_outputs(draw, batch=st.integers(2, 5), latent=st.integers(2, 8),
                    mu_range=(-3.0, 3.0), logvar_range=(-4.0, 3.0)):
    """``(mu, logvar)``: float32 arrays of one random shape (batch, latent), ordinary sizes by default."""
    shape = (draw(batch), draw(latent))
    mu = draw(hnp.arrays(np.float32, shape, elements=floats32(*mu_range)))
    logvar = draw(hnp.arrays(np.float32, shape, elements=floats32(*logvar_range)))
    return mu, logvar


def fixed_pair(mu: list, logvar: list) -> tuple[np.ndarray, np.ndarray]:
    """A fixed (mu, logvar) batch for explicit examples, float32 like the drawn ones."""
    return np.array(mu, dtype=np.float32), np.array(logvar, dtype=np.float32)
