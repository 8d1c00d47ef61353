"""Inputs both check files share: model sizes and small batches of images and codes."""

import numpy as np
from hypothesis import strategies as st

from gradekit.grading.api import CheckFailed, expect_tensor


@st.composite
def model_inputs(draw):
    """(input_dim, latent_dim, seed, x, z): sizes of a VAE and a batch for its encoder and decoder."""
    input_dim = draw(st.integers(4, 80))
    latent_dim = draw(st.integers(1, 16))
    batch = draw(st.integers(1, 5))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    x = rng.random((batch, input_dim), dtype=np.float32)
    z = (3 * rng.standard_normal((batch, latent_dim))).astype(np.float32)
    return input_dim, latent_dim, seed, x, z


def fixed_model_inputs(input_dim: int = 10, latent_dim: int = 3, batch: int = 2, seed: int = 0):
    """One explicit example of ``model_inputs``: every check holds it whatever hypothesis draws."""
    rng = np.random.default_rng(seed)
    x = rng.random((batch, input_dim), dtype=np.float32)
    z = (3 * rng.standard_normal((batch, latent_dim))).astype(np.float32)
    return input_dim, latent_dim, seed, x, z


def expect_pair(value, what: str, shape: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Two float tensors of ``shape``, as a tuple or list: (mu, logvar) from encode."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise CheckFailed(f"{what} should return two tensors (mu, logvar)")
    first, second = (expect_tensor(v, f"{what}[{i}]", shape=shape).array for i, v in enumerate(value))
    return first, second
