"""Sound, in another style: torch in float64, Tr (S1 S2)^1/2 from the eigenvalues of the product, torch.cov."""

import torch

def frechet_distance(mu1, sigma1, mu2, sigma2):
    mu1, mu2 = torch.as_tensor(mu1, dtype=torch.float64), torch.as_tensor(mu2, dtype=torch.float64)
    s1, s2 = torch.as_tensor(sigma1, dtype=torch.float64), torch.as_tensor(sigma2, dtype=torch.float64)
    eig = torch.linalg.eigvals(s1 @ s2)
    trace_sqrt = eig.sqrt().real.sum()
    d = (mu1 - mu2).pow(2).sum() + s1.trace() + s2.trace() - 2 * trace_sqrt
    return max(float(d), 0.0)

def fid_from_features(a, b):
    a, b = torch.as_tensor(a, dtype=torch.float64), torch.as_tensor(b, dtype=torch.float64)
    return frechet_distance(a.mean(0), torch.atleast_2d(torch.cov(a.T)), b.mean(0), torch.atleast_2d(torch.cov(b.T)))
