import torch


def minibatch_features(f, T):
    a, b, c = T.shape
    M = (f @ T.reshape(a, b * c)).reshape(-1, b, c)
    closeness = torch.exp(-torch.abs(M[:, None] - M[None, :]).sum(-1))  # (N, N, B)
    return closeness.sum(dim=1) - 1.0  # drops the j = i term
