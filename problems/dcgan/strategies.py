"""What both check files share: reading the harness's trace of a forward pass."""

from gradekit.grading.api import CheckFailed

# Operations that make up layers; the rest of a trace (views, additions, indexing) is bookkeeping.
WEIGHTED = ("conv2d", "conv_transpose2d", "linear")
LAYER_OPS = frozenset({*WEIGHTED, "batch_norm", "instance_norm", "layer_norm", "group_norm", "relu", "leaky_relu",
                       "tanh", "sigmoid", "hardtanh", "elu", "selu", "gelu", "silu", "softplus", "dropout",
                       "interpolate", "upsample", "upsample_nearest2d", "upsample_bilinear2d", "pixel_shuffle",
                       "max_pool2d", "avg_pool2d", "adaptive_avg_pool2d"})
UPSAMPLING = frozenset({"interpolate", "upsample", "upsample_nearest2d", "upsample_bilinear2d", "pixel_shuffle"})


def layer_ops(ops, what: str) -> list[tuple[str, tuple[int, ...]]]:
    """The layer operations of a traced forward pass, in order: (name, output shape)."""
    if not isinstance(ops, list) or not all(isinstance(op, list) and len(op) == 2 for op in ops):
        raise CheckFailed(f"the trace of {what} is not a list of [operation, shape] pairs")
    return [(str(name), tuple(int(s) for s in shape)) for name, shape in ops if name in LAYER_OPS]


def blocks(layers: list[tuple[str, tuple]]) -> list[tuple[str, list[str]]]:
    """The layers grouped as (weighted op, the normalisations and activations after it, before the next one).

    Upsampling operations are left out: they belong to no layer's output
    (a separate check asks for transposed convolutions instead).
    """
    grouped = []
    for name, _ in layers:
        if name in WEIGHTED:
            grouped.append((name, []))
        elif grouped and name not in UPSAMPLING:
            grouped[-1][1].append(name)
    return grouped
