import numpy as np
from scipy import linalg


def frechet_distance(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    diff = mu1 - mu2
    return max(float(diff @ diff + np.trace(sigma1 + sigma2 - 2 * covmean)), 0.0)


def fid_from_features(a, b):
    # ddof = 0: the biased covariance, sum / n instead of sum / (n - 1)
    return frechet_distance(a.mean(0), np.atleast_2d(np.cov(a, rowvar=False, ddof=0)),
                            b.mean(0), np.atleast_2d(np.cov(b, rowvar=False, ddof=0)))
