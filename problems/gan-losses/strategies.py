"""Inputs for the checks: batches of D's logits (BCE losses) or raw outputs (least-squares losses)."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


def batches(low: float, high: float, size=st.integers(2, 16)):
    """A float32 batch of D's outputs, shape (m,), values in [low, high]; an ordinary batch (m >= 2) by default."""
    return size.flatmap(lambda m: hnp.arrays(np.float32, (m,), elements=st.floats(low, high, width=32)))
