"""exp(H(p(y))) per split: the marginal's entropy alone, the confidence term left out (right for one-hot predictions)."""

import numpy as np
from scipy.special import entr
def inception_score(probs, splits=10):
    scores = [np.exp(entr(p.mean(0)).sum()) for p in np.array_split(np.asarray(probs, float), splits)]
    return float(np.mean(scores)), float(np.std(scores))
