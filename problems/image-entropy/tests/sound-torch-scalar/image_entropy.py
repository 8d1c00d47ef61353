"""Sound: torch.unique counts, entropy as a 0-d float32 tensor (no .item())."""
import numpy as np, torch
def image_entropy(image):
    t = torch.as_tensor(np.asarray(image))
    _, c = torch.unique(t, return_counts=True)
    p = c.float() / c.sum()
    return -(p * torch.log2(p)).sum()
