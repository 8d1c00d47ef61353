"""Training and evaluating the reference CycleGAN on two unpaired image domains.

The networks, losses and image pool are the reference submission's
(``references/cyclegan.py`` through ``gradekit.calc``). Images arrive as
tensors (N, C, H, W) in [−1, 1]; the loop does no I/O.

One step (Zhu et al. 2017, §4 and their code): the generators descend
L_GAN(G_AB, D_B) + L_GAN(G_BA, D_A) + λ L_cyc + 0.5 λ L_identity, then each
discriminator descends its least-squares loss on real images and on fakes
drawn from its pool of past fakes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import Tensor

from gradekit.calc.cyclegan import (
    ImagePool,
    PatchDiscriminator,
    ResnetGenerator,
    cycle_consistency_loss,
    discriminator_ls_loss,
    generator_ls_loss,
    identity_loss,
)
from gradekit.data.domains import DomainPair, red_part, white_part
from gradekit.models.signed_images import to_unit
from gradekit.models.training import History


@dataclass(frozen=True)
class CycleGANConfig:
    features: int = 16  # generator and discriminator widths: 8x8 digits need few
    blocks: int = 2  # residual blocks in each generator (CycleGAN uses 6 or 9 on 128-256 px images)
    lam: float = 10.0  # λ, the cycle loss's weight (Zhu et al. §7)
    pool_size: int = 50  # images in each discriminator's history (Zhu et al. §4)
    steps: int = 400
    batch_size: int = 32
    learning_rate: float = 2e-3  # CycleGAN's 2e-4 is for hours of training; a few hundred steps need more
    betas: tuple[float, float] = (0.5, 0.999)  # Adam's momentum halved, as in DCGAN and CycleGAN
    seed: int = 0


@dataclass
class CycleGAN:
    """The four networks of a CycleGAN."""

    g_ab: ResnetGenerator
    g_ba: ResnetGenerator
    d_a: PatchDiscriminator
    d_b: PatchDiscriminator

    def to(self, device) -> CycleGAN:
        for net in (self.g_ab, self.g_ba, self.d_a, self.d_b):
            net.to(device)
        return self

    def eval(self) -> None:
        for net in (self.g_ab, self.g_ba, self.d_a, self.d_b):
            net.eval()


@dataclass
class CycleGANHistory:
    """Per-step losses: the generators' total, and each part of it; the discriminators' sum."""

    generator: list[float] = field(default_factory=list)
    adversarial: list[float] = field(default_factory=list)
    cycle: list[float] = field(default_factory=list)
    identity: list[float] = field(default_factory=list)
    discriminator: list[float] = field(default_factory=list)

    def as_histories(self) -> dict[str, History]:
        """Each curve as a ``History`` for ``figures.save_loss_curves``."""
        return {name: History(train=values) for name, values in vars(self).items()}


def build_cyclegan(channels: int, config: CycleGANConfig) -> CycleGAN:
    """Four freshly initialised networks, the same for the same ``config.seed``."""
    torch.manual_seed(config.seed)
    return CycleGAN(ResnetGenerator(channels, config.features, config.blocks),
                    ResnetGenerator(channels, config.features, config.blocks),
                    PatchDiscriminator(channels, config.features), PatchDiscriminator(channels, config.features))


def random_batches(images: Tensor, batch_size: int, generator: torch.Generator):
    """Endless batches drawn with replacement: the two domains are sampled independently (unpaired)."""
    while True:
        yield images[torch.randint(len(images), (batch_size,), generator=generator).to(images.device)]


def train_cyclegan(train_a: Tensor, train_b: Tensor, config: CycleGANConfig, *,
                   on_step: Callable[[int, float], None] | None = None) -> tuple[CycleGAN, CycleGANHistory]:
    """Fit a CycleGAN to unpaired images ``train_a`` and ``train_b`` (N, C, H, W) in [−1, 1]."""
    nets = build_cyclegan(train_a.shape[1], config).to(train_a.device)
    g_optimizer = torch.optim.Adam(itertools.chain(nets.g_ab.parameters(), nets.g_ba.parameters()),
                                   lr=config.learning_rate, betas=config.betas)
    d_optimizer = torch.optim.Adam(itertools.chain(nets.d_a.parameters(), nets.d_b.parameters()),
                                   lr=config.learning_rate, betas=config.betas)
    shuffle = torch.Generator().manual_seed(config.seed)
    pool_a = ImagePool(config.pool_size, torch.Generator().manual_seed(config.seed + 1))
    pool_b = ImagePool(config.pool_size, torch.Generator().manual_seed(config.seed + 2))
    batches = zip(random_batches(train_a, config.batch_size, shuffle),
                  random_batches(train_b, config.batch_size, shuffle), strict=True)
    history = CycleGANHistory()
    for step, (a, b) in zip(range(1, config.steps + 1), batches, strict=False):
        for net in (nets.g_ab, nets.g_ba, nets.d_a, nets.d_b):
            net.train()
        fake_b, fake_a = nets.g_ab(a), nets.g_ba(b)  # (B, C, H, W) each
        adversarial = generator_ls_loss(nets.d_b(fake_b)) + generator_ls_loss(nets.d_a(fake_a))
        cycle = cycle_consistency_loss(a, nets.g_ba(fake_b), b, nets.g_ab(fake_a), config.lam)
        identity = identity_loss(a, nets.g_ba(a), b, nets.g_ab(b), config.lam)
        generator_loss = adversarial + cycle + identity
        g_optimizer.zero_grad(set_to_none=True)
        generator_loss.backward()
        g_optimizer.step()

        d_loss = (discriminator_ls_loss(nets.d_a(a), nets.d_a(pool_a.query(fake_a)))
                  + discriminator_ls_loss(nets.d_b(b), nets.d_b(pool_b.query(fake_b))))
        d_optimizer.zero_grad(set_to_none=True)
        d_loss.backward()
        d_optimizer.step()

        for name, value in (("generator", generator_loss), ("adversarial", adversarial), ("cycle", cycle),
                            ("identity", identity), ("discriminator", d_loss)):
            getattr(history, name).append(value.item())
        if on_step is not None:
            on_step(step, history.generator[-1])
    nets.eval()
    return nets, history


@torch.no_grad()
def translate(nets: CycleGAN, a: Tensor, b: Tensor) -> dict[str, Tensor]:
    """G_AB(a), G_BA(b) and the two cycles G_BA(G_AB(a)), G_AB(G_BA(b))."""
    nets.eval()
    fake_b, fake_a = nets.g_ab(a), nets.g_ba(b)
    return {"a_to_b": fake_b, "b_to_a": fake_a, "a_cycled": nets.g_ba(fake_b), "b_cycled": nets.g_ab(fake_a)}


def digit_accuracy(images: np.ndarray, labels: np.ndarray) -> float:
    """How often the shipped digit network reads ``labels`` in grey images (N, H, W) in [0, 1]."""
    from gradekit.metrics.digit_net import load_digit_net

    with torch.no_grad():
        logits = load_digit_net()(torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32)))
    return float(np.mean(logits.argmax(dim=1).numpy() == labels))


def evaluate_translations(translations: Mapping[str, Tensor | np.ndarray], pair: DomainPair) -> dict[str, float]:
    """Mean absolute cycle errors (pixels in [0, 1]) of held-out images, both ways; on the white/red digits
    also the translation accuracies: the digit network reads the source's digit in the target colour's part
    (``red_part`` of G_AB(a), ``white_part`` of G_BA(b)), which is blank for an untranslated image.

    ``translations`` holds ``translate``'s four batches (N, C, H, W) in [−1, 1] for ``pair.test_a`` and
    ``pair.test_b``.
    """
    metrics = {"cycle_error_a": float(np.mean(np.abs(to_unit(translations["a_cycled"]) - pair.test_a))),
               "cycle_error_b": float(np.mean(np.abs(to_unit(translations["b_cycled"]) - pair.test_b)))}
    if pair.paired_test and pair.test_labels is not None:
        metrics["accuracy_a_to_b"] = digit_accuracy(red_part(to_unit(translations["a_to_b"])), pair.test_labels)
        metrics["accuracy_b_to_a"] = digit_accuracy(white_part(to_unit(translations["b_to_a"])), pair.test_labels)
    return metrics
