"""Sound, in another style: Tr (S1 S2)^1/2 as the sum of singular values of S1^1/2 S2^1/2, covariances by hand."""

import numpy as np
from scipy.linalg import sqrtm

def frechet_distance(mu1, sigma1, mu2, sigma2):
    r1 = np.real(sqrtm(np.atleast_2d(sigma1)))
    r2 = np.real(sqrtm(np.atleast_2d(sigma2)))
    trace_sqrt = np.linalg.svd(r1 @ r2, compute_uv=False).sum()  # Tr (S1 S2)^1/2 = nuclear norm of S1^1/2 S2^1/2
    diff = np.asarray(mu1, float) - np.asarray(mu2, float)
    return max(float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_sqrt), 0.0)

def _stats(x):
    x = np.asarray(x, float)
    centred = x - x.mean(axis=0)
    return x.mean(axis=0), centred.T @ centred / (len(x) - 1)

def fid_from_features(a, b):
    return frechet_distance(*_stats(a), *_stats(b))
