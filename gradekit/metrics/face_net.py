"""A small CNN on the synthetic faces: domain features for the DCGAN's FID.

Why this network: Inception-v3 would need weights downloaded (nothing may be)
and was trained on 299x299 photographs, and the digit network sees grey 8x8
digits. The faces of ``gradekit.data.faces`` are made from known attributes
(skin colour, eyes, mouth, cheeks), so a network trained to name those
attributes has features that vary exactly with what a generator must get
right: the Fréchet distance of its features compares the attributes' joint
frequencies and how cleanly each is drawn, which is what FID is for. The
weights ship with the package (``weights/face_net.pt``, ~0.3 MB), made by
``python -m gradekit.metrics.face_net`` from a fixed seed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from gradekit.data.faces import ATTRIBUTES, SIDE

WEIGHTS = Path(__file__).resolve().parent / "weights" / "face_net.pt"
FEATURES = 64
TRAIN_FACES = 8000  # fresh faces of seed 0; the held-out check uses seed 1


class FaceNet(nn.Module):
    """conv(16) → conv(32) → conv(64), each pooled → fc(64) → one linear head per attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.conv3 = nn.Conv2d(32, 64, 3, padding=1)
        self.hidden = nn.Linear(64 * 4 * 4, FEATURES)
        self.heads = nn.ModuleDict({name: nn.Linear(FEATURES, size) for name, size in ATTRIBUTES.items()})

    def features(self, images: torch.Tensor) -> torch.Tensor:
        """Images ``(N, 3, 32, 32)`` in [0, 1] → features ``(N, 64)``."""
        x = as_face_batch(images)
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)  # (N, 16, 16, 16)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)  # (N, 32, 8, 8)
        x = F.max_pool2d(F.relu(self.conv3(x)), 2)  # (N, 64, 4, 4)
        return F.relu(self.hidden(x.flatten(1)))  # (N, 64)

    def forward(self, images: torch.Tensor) -> dict[str, torch.Tensor]:
        """Logits of each attribute: ``{name: (N, values)}``."""
        features = self.features(images)
        return {name: head(features) for name, head in self.heads.items()}


def as_face_batch(images: torch.Tensor) -> torch.Tensor:
    """Colour images as ``(N, 3, 32, 32)``: channels-last input moved to channels-first."""
    x = images.float()
    if x.ndim == 4 and x.shape[1] != 3 and x.shape[-1] == 3:
        x = x.permute(0, 3, 1, 2).contiguous()  # (N, H, W, 3) -> (N, 3, H, W)
    if x.ndim != 4 or x.shape[1:] != (3, SIDE, SIDE):
        raise ValueError(f"expected colour images (N, 3, {SIDE}, {SIDE}), not shape {tuple(images.shape)}")
    return x


def train_face_net(images: np.ndarray, attributes: dict[str, np.ndarray], *, epochs: int = 6, seed: int = 0,
                   batch_size: int = 64) -> FaceNet:
    """Train a ``FaceNet`` with Adam on faces ``(N, 32, 32, 3)``: the sum of the heads' cross-entropies."""
    torch.manual_seed(seed)
    net = FaceNet()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.from_numpy(np.ascontiguousarray(np.asarray(images, np.float32).transpose(0, 3, 1, 2)))
    targets = {name: torch.from_numpy(np.asarray(values, np.int64)) for name, values in attributes.items()}
    order = torch.Generator().manual_seed(seed)
    net.train()
    for _ in range(epochs):
        for batch in torch.randperm(len(x), generator=order).split(batch_size):
            logits = net(x[batch])
            losses = [F.cross_entropy(logits[name], targets[name][batch]) for name in logits]
            loss = sum(losses[1:], losses[0])  # the heads' losses added in order, as sum() from 0 adds them
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return net.eval()


def load_face_net(path: Path = WEIGHTS) -> FaceNet:
    """The shipped network, ready for inference (``weights_only``: the file cannot run code)."""
    if not path.is_file():
        raise FileNotFoundError(f"face feature network weights not found at {path}; "
                                "make them with: python -m gradekit.metrics.face_net")
    net = FaceNet()
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return net.eval()


def attribute_accuracy(net: FaceNet, images: np.ndarray, attributes: dict[str, np.ndarray]) -> dict[str, float]:
    """The share of faces whose attribute each head names correctly."""
    with torch.no_grad():
        logits = net(torch.from_numpy(np.asarray(images, np.float32)))
    return {name: float((logits[name].argmax(dim=1).numpy() == attributes[name]).mean()) for name in logits}


def main() -> None:
    """Retrain the shipped weights from fresh faces (seed 0) and report held-out accuracy (seed 1)."""
    from gradekit.data.faces import make_faces

    torch.set_num_threads(1)  # one thread: the same floating-point order on every machine
    faces = make_faces(TRAIN_FACES, seed=0)
    net = train_face_net(faces.images, faces.attributes)
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    torch.save(net.state_dict(), WEIGHTS)
    held_out = make_faces(1000, seed=1)
    print(f"wrote {WEIGHTS}; held-out accuracy {attribute_accuracy(net, held_out.images, held_out.attributes)}")


if __name__ == "__main__":
    main()
