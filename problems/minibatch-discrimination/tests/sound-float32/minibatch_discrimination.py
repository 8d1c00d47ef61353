"""Sound: f and T cast to float32 (.float()) first, then the vectorised formula."""
import torch
def minibatch_features(f, T):
    f, T = f.float(), T.float()
    N = f.shape[0]; A, B, C = T.shape
    M = (f @ T.reshape(A, B * C)).reshape(N, B, C)
    return torch.exp(-(M[:, None] - M[None]).abs().sum(-1)).sum(1)
