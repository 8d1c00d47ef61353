"""The one device and thread setup of a run (``gradekit train``, ``gradekit fid``).

``auto`` takes CUDA whenever torch sees it, so the same command trains on a
GPU where there is one and on the CPU elsewhere.
"""

from __future__ import annotations

import torch

DEVICES = ("auto", "cpu", "cuda")


def pick_device(name: str) -> torch.device:
    """``auto`` takes CUDA when present; ``cpu`` and ``cuda`` are taken as asked."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name not in DEVICES:
        raise ValueError(f"unknown device {name!r}; expected auto, cpu or cuda")
    if name == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda asked for, but torch sees no CUDA device")
    return torch.device(name)


def setup_torch(device: str, threads: int) -> torch.device:
    """``threads`` CPU threads for torch, and the device ``device`` names (see ``pick_device``).

    The reference models are small: on a CPU one thread runs them about as
    fast as many, and a busy machine slows many threads down a lot.
    """
    if threads < 1:
        raise ValueError(f"--threads must be at least 1, not {threads}")
    chosen = pick_device(device)
    torch.set_num_threads(threads)
    return chosen
