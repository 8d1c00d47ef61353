"""Sound, in another style: one seed drawn from the generator, the noise from numpy's Generator with it."""

import numpy as np
import torch
def uniform_dequantize(y, generator):
    seed = int(torch.randint(0, 2**31 - 1, (1,), generator=generator))
    u = np.random.default_rng(seed).random(tuple(y.shape))
    dtype = y.dtype if y.is_floating_point() else torch.float32
    return (y.to(torch.float64) + torch.from_numpy(u)).to(dtype)
