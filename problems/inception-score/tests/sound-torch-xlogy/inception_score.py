"""Sound, in another style: torch in float64, KL from torch.xlogy, torch.tensor_split."""

import torch

def inception_score(probs, splits=10):
    p = torch.as_tensor(probs, dtype=torch.float64)
    scores = []
    for part in torch.tensor_split(p, splits):
        marginal = part.mean(0, keepdim=True)
        kl = (torch.xlogy(part, part) - torch.xlogy(part, marginal)).sum(1)
        scores.append(kl.mean().exp())
    scores = torch.stack(scores)
    return float(scores.mean()), float(scores.std(unbiased=False))
