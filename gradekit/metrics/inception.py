"""Inception-v3 pool3 features for FID, from a local weights file; nothing is downloaded.

FID as published (Heusel et al. 2017) uses TensorFlow's 2015 Inception graph.
pytorch-fid ported its weights (``pt_inception-2015-12-05-6726825d.pth``) onto
torchvision's Inception-v3 with three differences that this module reproduces:
1008 output classes, average pools that ignore the zero padding (TensorFlow's
behaviour) in the A, C and first E blocks, and a max pool in the last E block.
With those weights the 2048-d features match the published FID's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import torch
from torch.nn import functional as F
from torchvision.models import inception as tv

FEATURES = 2048
WEIGHTS_FILE = "pt_inception-2015-12-05-6726825d.pth"
HOW_TO_GET = (
    f"FID with Inception features needs the file {WEIGHTS_FILE} (the weights pytorch-fid uses, ~92 MB). "
    "gradekit never downloads at run time: fetch it once on a machine with internet access from "
    "https://github.com/mseitzer/pytorch-fid/releases (tag fid_weights) and pass its path with "
    "--inception-weights PATH."
)


def _tf_avg_pool(x: torch.Tensor) -> torch.Tensor:
    # TensorFlow averages over the real pixels only at the borders
    return F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)


class _BlockA(tv.InceptionA):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch1x1(x),
                          self.branch5x5_2(self.branch5x5_1(x)),
                          self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x))),
                          self.branch_pool(_tf_avg_pool(x))], dim=1)


class _BlockC(tv.InceptionC):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        seven = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        double = x
        for layer in (self.branch7x7dbl_1, self.branch7x7dbl_2, self.branch7x7dbl_3,
                      self.branch7x7dbl_4, self.branch7x7dbl_5):
            double = layer(double)
        return torch.cat([self.branch1x1(x), seven, double, self.branch_pool(_tf_avg_pool(x))], dim=1)


class _BlockE(tv.InceptionE):
    def __init__(self, in_channels: int, pool: Callable[[torch.Tensor], torch.Tensor]) -> None:
        super().__init__(in_channels)
        self.pool = pool

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        three = self.branch3x3_1(x)
        double = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        return torch.cat([self.branch1x1(x),
                          self.branch3x3_2a(three), self.branch3x3_2b(three),
                          self.branch3x3dbl_3a(double), self.branch3x3dbl_3b(double),
                          self.branch_pool(self.pool(x))], dim=1)


def _max_pool(x: torch.Tensor) -> torch.Tensor:
    return F.max_pool2d(x, kernel_size=3, stride=1, padding=1)


def fid_inception() -> tv.Inception3:
    """The FID variant of Inception-v3, weights uninitialised (load them with ``load_inception``)."""
    net = tv.Inception3(num_classes=1008, aux_logits=False, init_weights=False)
    net.Mixed_5b, net.Mixed_5c, net.Mixed_5d = _BlockA(192, 32), _BlockA(256, 64), _BlockA(288, 64)
    net.Mixed_6b, net.Mixed_6c = _BlockC(768, 128), _BlockC(768, 160)
    net.Mixed_6d, net.Mixed_6e = _BlockC(768, 160), _BlockC(768, 192)
    net.Mixed_7b, net.Mixed_7c = _BlockE(1280, _tf_avg_pool), _BlockE(2048, _max_pool)
    return net


def load_inception(path: Path | str | None) -> tv.Inception3:
    """The FID Inception with weights from ``path``; a clear message when the file is missing."""
    if path is None or not Path(path).is_file():
        where = "no --inception-weights given" if path is None else f"{path} does not exist"
        raise FileNotFoundError(f"{where}. {HOW_TO_GET}")
    net = fid_inception()
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return net.eval()


def inception_features(net: tv.Inception3, images: torch.Tensor) -> torch.Tensor:
    """Colour images ``(N, 3, H, W)`` in [0, 1] → pool3 features ``(N, 2048)``."""
    x = F.interpolate(images.float(), size=(299, 299), mode="bilinear", align_corners=False)
    x = 2 * x - 1  # the TensorFlow graph expects [-1, 1]
    for layer in (net.Conv2d_1a_3x3, net.Conv2d_2a_3x3, net.Conv2d_2b_3x3, net.maxpool1,
                  net.Conv2d_3b_1x1, net.Conv2d_4a_3x3, net.maxpool2,
                  net.Mixed_5b, net.Mixed_5c, net.Mixed_5d, net.Mixed_6a, net.Mixed_6b, net.Mixed_6c,
                  net.Mixed_6d, net.Mixed_6e, net.Mixed_7a, net.Mixed_7b, net.Mixed_7c, net.avgpool):
        x = layer(x)
    return x.flatten(1)  # (N, 2048)
