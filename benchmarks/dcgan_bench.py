"""Time LS-DCGAN iterations at 32x32 and project the assignment's 20,000 iterations on this device.

    python benchmarks/dcgan_bench.py [--device auto|cpu|cuda] [--conv-dim 32] [--batch-size 16]
                                     [--iterations 50] [--warmup 5] [--threads N]

One iteration is the assignment's Algorithm 1 as ``gradekit.models.gans``
runs it: a discriminator step on m real images and m fakes, then a generator
step on m new fakes, with the reference networks and least-squares losses
(``references/dcgan.py``) and Adam. The real images are random tensors: data
loading is not what is timed. Prints iterations per second and the
projected time of 20,000 iterations. A script run on demand, not a test.
"""

from __future__ import annotations

import argparse
import time

import torch

from gradekit.calc.dcgan import Discriminator, Generator, discriminator_loss, generator_loss
from gradekit.models.gans import DCGANConfig, GANConfig, gaussian_noise, train_gan
from gradekit.runs.device import pick_device

ASSIGNMENT_ITERATIONS = 20000


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


def time_iterations(device: torch.device, conv_dim: int, batch_size: int, iterations: int, warmup: int) -> float:
    """Seconds per iteration, measured over ``iterations`` after ``warmup`` untimed ones."""
    torch.manual_seed(0)
    noise_dim = DCGANConfig().noise_dim
    generator, discriminator = Generator(noise_dim, conv_dim).to(device), Discriminator(conv_dim).to(device)
    images = (2 * torch.rand(max(1024, batch_size), 3, 32, 32) - 1).to(device)  # (N, 3, 32, 32) stand-in data

    def run(steps: int) -> None:
        config = GANConfig(steps=steps, batch_size=batch_size, snapshot_every=steps + 1)
        train_gan(generator, discriminator, discriminator_loss, generator_loss, (images,),
                  gaussian_noise(noise_dim), config)

    run(warmup)  # cuDNN autotuning, allocator warm-up, first-call overheads
    synchronize(device)
    started = time.perf_counter()
    run(iterations)
    synchronize(device)
    return (time.perf_counter() - started) / iterations


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--device", default="auto", help="auto (CUDA when present), cpu or cuda")
    parser.add_argument("--conv-dim", type=int, default=DCGANConfig().conv_dim)
    parser.add_argument("--batch-size", type=int, default=DCGANConfig().train.batch_size)
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None, help="CPU threads for torch (default: torch's own)")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = pick_device(args.device)
    seconds = time_iterations(device, args.conv_dim, args.batch_size, args.iterations, args.warmup)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else f"cpu, {torch.get_num_threads()} threads"
    print(f"device: {name}; conv_dim {args.conv_dim}, batch {args.batch_size}, {args.iterations} timed iterations")
    print(f"{1 / seconds:.1f} iterations/s ({1000 * seconds:.1f} ms each)")
    projected = ASSIGNMENT_ITERATIONS * seconds
    print(f"projected {ASSIGNMENT_ITERATIONS} iterations: {projected / 60:.1f} min ({projected:.0f} s)")


if __name__ == "__main__":
    main()
