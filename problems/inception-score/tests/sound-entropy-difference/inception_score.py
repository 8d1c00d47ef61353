"""Sound, by another formula: E KL(p(y|x) || p(y)) = H(p(y)) - E H(p(y|x)), with scipy.special.entr."""

import numpy as np
from scipy.special import entr

def inception_score(probs, splits=10):
    # E KL(p(y|x) || p(y)) = H(p(y)) - E H(p(y|x))
    scores = []
    for part in np.array_split(np.asarray(probs, float), splits):
        h_marginal = entr(part.mean(0)).sum()
        h_conditional = entr(part).sum(1).mean()
        scores.append(np.exp(h_marginal - h_conditional))
    return float(np.mean(scores)), float(np.std(scores))
