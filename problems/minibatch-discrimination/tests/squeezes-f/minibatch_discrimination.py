"""edge only: f.squeeze() first, so one feature (A = 1) breaks the matrix product"""
import torch
def minibatch_features(f, T):
    f = f.squeeze()
    N = f.shape[0]; A, B, C = T.shape
    M = (f @ T.reshape(A, B * C)).reshape(N, B, C)
    return torch.exp(-(M[:, None] - M[None]).abs().sum(-1)).sum(1)
