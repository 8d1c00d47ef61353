"""Inputs both check files share: autoencoder sizes with a batch of inputs."""

import numpy as np
from hypothesis import strategies as st


@st.composite
def undercomplete_inputs(draw):
    """(input_dim, code_dim, seed, x): an undercomplete size, code_dim < input_dim, and a batch of 2 to 5 rows."""
    input_dim = draw(st.integers(2, 100))
    code_dim = draw(st.integers(1, input_dim - 1))
    seed = draw(st.integers(0, 2**16))
    x = np.random.default_rng(seed).random((draw(st.integers(2, 5)), input_dim), dtype=np.float32)
    return input_dim, code_dim, seed, x


def fixed_undercomplete_inputs(input_dim: int = 20, code_dim: int = 5, batch: int = 3, seed: int = 0):
    """One explicit example of ``undercomplete_inputs``: every check holds it whatever hypothesis draws."""
    return input_dim, code_dim, seed, np.random.default_rng(seed).random((batch, input_dim), dtype=np.float32)


def fixed_image_batch(shape: tuple = (3, 5), seed: int = 0):
    """One explicit example of ``image_batches``."""
    rng = np.random.default_rng(seed)
    return rng.random(shape, dtype=np.float32), rng.random(shape, dtype=np.float32)


@st.composite
def image_batches(draw):
    """A batch of flat rows (B, D) or grey images (B, 1, H, W) with values in [0, 1], and its twin."""
    seed = draw(st.integers(0, 2**16))
    shape = draw(st.sampled_from([(3, 5), (1, 64), (4, 1, 8, 8), (2, 1, 4, 6)]))
    rng = np.random.default_rng(seed)
    return rng.random(shape, dtype=np.float32), rng.random(shape, dtype=np.float32)
