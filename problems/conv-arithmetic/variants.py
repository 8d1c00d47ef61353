"""Quiz variants: the output size of a convolution and of a transposed convolution, and a parameter count."""

import numpy as np

from gradekit.calc.conv_arithmetic import (conv2d_output_size, conv2d_param_count,
                                           conv_transpose2d_output_size)

from .strategies import DISCRIMINATOR_CHAIN, GENERATOR_CHAIN


def generate(rng: np.random.Generator) -> dict:
    conv = {"size": int(rng.integers(8, 65)), "kernel": int(rng.choice([3, 4, 5])),
            "stride": int(rng.choice([1, 2])), "padding": int(rng.integers(0, 3)),
            "in_channels": int(rng.choice([1, 3, 16, 32])), "out_channels": int(rng.choice([8, 16, 32, 64]))}
    stride = int(rng.choice([1, 2]))
    transposed = {"size": int(rng.integers(1, 17)), "kernel": int(rng.choice([3, 4, 5])),
                  "stride": stride, "padding": int(rng.integers(0, 2)),
                  "output_padding": int(rng.integers(0, stride))}  # must stay below the stride
    return _variant(conv, transposed)


def exam() -> dict:
    """DCGAN (the assignment's 32x32 emojis): the discriminator's first layer halves 32 to 16; the
    generator's first layer maps the 100-d noise, a 1x1 map, to 4x4 (then 8, 16, 32)."""
    side, kernel, stride, padding, _ = DISCRIMINATOR_CHAIN[0]  # 32 -> 16, on RGB images
    conv = {"size": side, "kernel": kernel, "stride": stride, "padding": padding, "in_channels": 3,
            "out_channels": 64}
    side, kernel, stride, padding, _ = GENERATOR_CHAIN[0]  # 1 -> 4
    transposed = {"size": side, "kernel": kernel, "stride": stride, "padding": padding, "output_padding": 0}
    return _variant(conv, transposed)


def _variant(conv: dict, transposed: dict) -> dict:
    c, t = conv, transposed
    return {
        "params": {"conv": dict(conv), "transposed": dict(transposed)},
        "statement": [
            f"A Conv2d layer with {c['in_channels']} input and {c['out_channels']} output channels, "
            f"a {c['kernel']}×{c['kernel']} kernel, stride {c['stride']}, padding {c['padding']} and bias, "
            f"takes a {c['size']}×{c['size']} input.",
            f"A ConvTranspose2d layer with a {t['kernel']}×{t['kernel']} kernel, stride {t['stride']}, "
            f"padding {t['padding']} and output padding {t['output_padding']} takes a {t['size']}×{t['size']} input.",
            "Sizes use floor division (PyTorch's convention); dilation is 1.",
        ],
        "parts": [
            {"ask": "the side of the Conv2d output",
             "answer": conv2d_output_size(c["size"], c["kernel"], stride=c["stride"], padding=c["padding"]),
             "tolerance": 0, "points": 1},
            {"ask": "the side of the ConvTranspose2d output",
             "answer": conv_transpose2d_output_size(t["size"], t["kernel"], stride=t["stride"], padding=t["padding"],
                                                    output_padding=t["output_padding"]),
             "tolerance": 0, "points": 1},
            {"ask": "the number of parameters (weights and biases) of the Conv2d layer",
             "answer": conv2d_param_count(c["in_channels"], c["out_channels"], c["kernel"], bias=True),
             "tolerance": 0, "points": 1},
        ],
    }
