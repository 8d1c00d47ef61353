import torch


def minibatch_features(f, T):
    a, b, c = T.shape
    M = (f @ T.reshape(a, b * c)).reshape(-1, b, c)
    return torch.exp(-torch.abs(M[:, None] - M[None, :]).sum(-1)).mean(dim=1)  # mean, not sum, over j
