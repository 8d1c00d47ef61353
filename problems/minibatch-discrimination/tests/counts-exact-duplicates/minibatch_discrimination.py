"""Wrong on purpose: counts each sample's exact duplicates (itself included), ignoring T and every distance.

Right for a batch of one and for identical samples, and within [1, N]: a degenerate closeness.
"""


def minibatch_features(f, T):
    same = (f[:, None, :] == f[None, :, :]).all(dim=-1).to(f.dtype)  # (N, N)
    return same.sum(dim=1, keepdim=True).expand(-1, T.shape[1]) + 0 * T.sum()  # (N, B)
