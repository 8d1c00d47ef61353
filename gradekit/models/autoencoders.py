"""Training and evaluating the reference autoencoders: undercomplete, sparse, convolutional, denoising.

The modules and losses themselves are the reference submission's
(``references/autoencoder.py`` and ``references/denoising_autoencoder.py``,
imported through ``gradekit.calc``): one copy serves the grader and these
recipes. Images arrive as tensors (N, H, W) for grey or (N, H, W, C) for
colour, in [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, cast

import numpy as np
import torch
from torch import Tensor, nn

from gradekit.calc.autoencoder import (
    Autoencoder,
    ConvAutoencoder,
    SparseAutoencoder,
    reconstruction_loss,
    sparsity_penalty,
)
from gradekit.calc.denoising_autoencoder import DenoisingAutoencoder, add_patch_noise, denoising_loss
from gradekit.metrics.reconstruction import fraction_inactive, linear_probe_accuracy, mean_squared_error, psnr
from gradekit.models.training import TrainConfig, TrainedModel, fit

KINDS = ("undercomplete", "sparse", "conv")


class Coder(Protocol):
    """What gradekit.calc.autoencoder's models add to an nn.Module (whose other attributes mypy reads as
    tensors or modules): a code, and back."""

    def encode(self, x: Tensor, /) -> Tensor: ...

    def decode(self, code: Tensor, /) -> Tensor: ...


@dataclass(frozen=True)
class AutoencoderConfig:
    code_dim: int = 16  # a quarter of a digit's 64 pixels: a real bottleneck that still keeps the digit
    sparse_code_dim: int = 128  # overcomplete (twice the pixels): only the L1 penalty keeps it from copying
    sparsity_weight: float = 0.05  # L1 weight: most code units silent, reconstructions still sharp
    conv_channels: int = 16  # first conv layer's width; the second doubles it
    train: TrainConfig = field(default_factory=TrainConfig)


def model_inputs(kind: str, images: Tensor) -> Tensor:
    """What the model eats: rows (N, D) for the MLPs, (N, C, H, W) for the convolutional one."""
    if kind != "conv":
        return images.flatten(1)
    return images.unsqueeze(1) if images.dim() == 3 else images.permute(0, 3, 1, 2)


def as_images(kind: str, outputs: Tensor, image_shape: tuple[int, ...]) -> Tensor:
    """The inverse of ``model_inputs``: back to (N, H, W) or (N, H, W, C)."""
    if kind == "conv" and len(image_shape) == 3:
        outputs = outputs.permute(0, 2, 3, 1)
    return outputs.reshape(len(outputs), *image_shape)


def build_autoencoder(kind: str, image_shape: tuple[int, ...], config: AutoencoderConfig) -> nn.Module:
    input_dim = int(torch.tensor(image_shape).prod())
    if kind == "undercomplete":
        return Autoencoder(input_dim, config.code_dim)
    if kind == "sparse":
        return SparseAutoencoder(input_dim, config.sparse_code_dim)
    if kind == "conv":
        side = image_shape[0]
        if image_shape[1] != side:
            raise ValueError(f"the convolutional autoencoder takes square images, not {image_shape}")
        in_channels = image_shape[2] if len(image_shape) == 3 else 1
        return ConvAutoencoder(side, config.code_dim, config.conv_channels, in_channels)
    raise ValueError(f"unknown autoencoder {kind!r}; expected one of {KINDS}")


def autoencoder_objective(kind: str, model: nn.Module, config: AutoencoderConfig) -> Callable[[Tensor], Tensor]:
    """The loss of a batch of model inputs: reconstruction, plus the L1 code penalty when sparse."""
    coder = cast(Coder, model)

    def loss(x: Tensor) -> Tensor:
        code = coder.encode(x)
        value = reconstruction_loss(coder.decode(code), x)
        if kind == "sparse":
            value = value + config.sparsity_weight * sparsity_penalty(code)
        return value
    return loss


def train_autoencoder(kind: str, train_images: Tensor, test_images: Tensor, config: AutoencoderConfig, *,
                      on_step: Callable[[int, float], None] | None = None) -> TrainedModel:
    """Train one autoencoder on ``train_images``; the held-out curve is the same loss on ``test_images``."""
    torch.manual_seed(config.train.seed)
    model = build_autoencoder(kind, tuple(train_images.shape[1:]), config).to(train_images.device)
    objective = autoencoder_objective(kind, model, config)
    test_inputs = model_inputs(kind, test_images)
    history = fit(model, objective, model_inputs(kind, train_images), config.train,
                  test_loss=lambda: objective(test_inputs).item(), on_step=on_step)
    return TrainedModel(kind, model, history)


@torch.no_grad()
def encode_and_reconstruct(trained: TrainedModel, images: Tensor) -> tuple[Tensor, Tensor]:
    """Codes (N, k) and reconstructions shaped like ``images``."""
    trained.model.eval()
    coder = cast(Coder, trained.model)
    code = coder.encode(model_inputs(trained.kind, images))
    recon = as_images(trained.kind, coder.decode(code), tuple(images.shape[1:]))
    return code, recon


def evaluate_autoencoder(trained: TrainedModel, train_images: Tensor, test_images: Tensor,
                         train_labels=None, test_labels=None) -> dict[str, float]:
    """Held-out reconstruction MSE per pixel, code sparsity, and a linear probe's accuracy when labelled."""
    train_codes, _ = encode_and_reconstruct(trained, train_images)
    test_codes, recon = encode_and_reconstruct(trained, test_images)
    metrics = {"test_mse": mean_squared_error(recon.cpu().numpy(), test_images.cpu().numpy()),
               "code_dim": int(test_codes.shape[1]),
               "fraction_inactive_codes": fraction_inactive(test_codes.cpu().numpy())}
    if train_labels is not None and test_labels is not None:
        metrics["probe_accuracy"] = linear_probe_accuracy(train_codes.cpu().numpy(), train_labels,
                                                          test_codes.cpu().numpy(), test_labels)
    return metrics


# ---------------------------------------------------------------- denoising


def default_patch(side: int) -> int:
    """The assignment's 8x8 patch on MNIST-sized images (28 and up), else a quarter of the side (4 on 16x16)."""
    return 8 if side >= 28 else max(1, side // 4)


@dataclass(frozen=True)
class DenoiserConfig:
    patch: int = 4  # default_patch(16): the grader's setting, digits upscaled to 16x16
    hidden_dim: int = 256  # wide enough to inpaint a quarter of the image
    code_dim: int = 64  # no bottleneck needed: the noise, not the width, stops it from copying
    train: TrainConfig = field(default_factory=TrainConfig)


def train_denoiser(train_images: Tensor, test_images: Tensor, config: DenoiserConfig, *,
                   on_step: Callable[[int, float], None] | None = None) -> TrainedModel:
    """Train the MLP denoising autoencoder on grey images (N, H, W), corrupting each batch afresh.

    Vincent et al. 2008: minimise the loss between decode(encode(x̃)) and the
    clean x, where x̃ = add_patch_noise(x).
    """
    torch.manual_seed(config.train.seed)
    noise = torch.Generator().manual_seed(config.train.seed + 1)
    model = DenoisingAutoencoder(train_images[0].numel(), config.hidden_dim, config.code_dim)
    model = model.to(train_images.device)
    test_noisy = add_patch_noise(test_images, config.patch, torch.Generator().manual_seed(config.train.seed + 2))

    def loss(clean: Tensor) -> Tensor:
        noisy = add_patch_noise(clean, config.patch, noise)  # (B, H, W)
        return denoising_loss(model(noisy.flatten(1)), clean.flatten(1))

    history = fit(model, loss, train_images, config.train, on_step=on_step,
                  test_loss=lambda: denoising_loss(model(test_noisy.flatten(1)), test_images.flatten(1)).item())
    return TrainedModel("denoising", model, history)


@torch.no_grad()
def denoise(model: nn.Module, noisy: Tensor) -> Tensor:
    """The model's clean estimate of noisy grey images (N, H, W)."""
    model.eval()
    return model(noisy.flatten(1)).view_as(noisy)


def evaluate_denoiser(clean: np.ndarray, noisy: np.ndarray, denoised: np.ndarray) -> dict[str, float]:
    """PSNR inside the noisy patches before and after denoising (and their gain), and PSNR outside them.

    The patch is where ``noisy`` differs from ``clean`` (a U[0, 1) draw equals
    the clean pixel with probability 0).
    """
    patch = noisy != clean
    before, after = psnr(noisy, clean, patch), psnr(denoised, clean, patch)
    return {"psnr_patch_noisy": before, "psnr_patch_denoised": after, "psnr_gain": after - before,
            "psnr_outside_denoised": psnr(denoised, clean, ~patch)}
