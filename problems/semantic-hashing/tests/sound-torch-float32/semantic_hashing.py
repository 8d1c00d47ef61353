"""sound? torch with its default float32: torch.tensor(codes) > threshold"""
import numpy as np, torch
def binarize(codes, threshold=0.5):
    return (torch.tensor(codes, dtype=torch.float32) > threshold).int().numpy()
def hamming(a, b):
    return int((torch.as_tensor(a) != torch.as_tensor(b)).sum())
def near_duplicates(bits, max_distance):
    b = torch.as_tensor(bits)
    d = (b[:, None, :] != b[None, :, :]).sum(-1)
    n = len(b)
    return [(i, j) for i in range(n) for j in range(i + 1, n) if d[i, j] <= max_distance]
