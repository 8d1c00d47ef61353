import numpy as np


def psd_sqrt(sigma):
    w, v = np.linalg.eigh(sigma)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def frechet_distance(mu1, sigma1, mu2, sigma2):
    root = psd_sqrt(sigma1)
    eigenvalues = np.linalg.eigvalsh(root @ sigma2 @ root)
    diff = mu1 - mu2
    trace_sqrt = np.sqrt(np.clip(eigenvalues, 0, None)).sum()
    return float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_sqrt)  # may be -1e-15


def fid_from_features(a, b):
    return frechet_distance(a.mean(0), np.atleast_2d(np.cov(a, rowvar=False)),
                            b.mean(0), np.atleast_2d(np.cov(b, rowvar=False)))
