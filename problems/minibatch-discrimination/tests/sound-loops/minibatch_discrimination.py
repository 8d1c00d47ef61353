"""A sound design other than the reference's: loops over samples, each o_i built as a running sum."""

import torch


def minibatch_features(f, T):
    n = f.shape[0]
    a, b, c = T.shape
    M = torch.tensordot(f, T, dims=1)  # (N, B, C)
    rows = []
    for i in range(n):
        total = torch.zeros(b, dtype=f.dtype)
        for j in range(n):
            total = total + torch.exp(-(M[i] - M[j]).abs().sum(dim=1))  # (B,)
        rows.append(total)
    return torch.stack(rows)  # (N, B)
