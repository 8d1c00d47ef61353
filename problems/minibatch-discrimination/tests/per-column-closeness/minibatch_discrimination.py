import torch


def minibatch_features(f, T):
    a, b, c = T.shape
    M = (f @ T.reshape(a, b * c)).reshape(-1, b, c)
    return torch.exp(-torch.abs(M[:, None] - M[None, :])).sum(dim=1)  # (N, B, C): no sum over C
