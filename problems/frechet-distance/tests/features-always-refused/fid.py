"""frechet_distance right; fid_from_features always refuses with a ValueError."""

import numpy as np
def frechet_distance(mu1, sigma1, mu2, sigma2):
    s1, s2 = np.atleast_2d(sigma1), np.atleast_2d(sigma2)
    ev = np.linalg.eigvals(s1 @ s2)
    d = np.asarray(mu1) - np.asarray(mu2)
    return max(float(d @ d + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(ev.astype(complex)).real.sum()), 0.0)
def fid_from_features(a, b):
    raise ValueError("not enough samples")
