"""Sound, in another style: torch (view and amax), back to numpy."""

import numpy as np
import torch
def maxout(x, units):
    t = torch.as_tensor(np.asarray(x))
    n = t.shape[-1]
    if n % units:
        raise ValueError(f"{units} does not divide {n}")
    return t.view(*t.shape[:-1], units, n // units).amax(dim=-1).numpy()
