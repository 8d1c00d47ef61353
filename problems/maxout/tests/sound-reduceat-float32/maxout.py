"""Sound, in another style: float32 and np.maximum.reduceat over the groups' starts."""

import numpy as np
def maxout(x, units):
    x = np.asarray(x, dtype=np.float32)
    n = x.shape[-1]
    if n % units != 0:
        raise ValueError("indivisible")
    return np.maximum.reduceat(x, np.arange(0, n, n // units), axis=-1)
