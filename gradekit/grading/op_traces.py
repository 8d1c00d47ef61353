"""Reading a traced forward pass (``gradekit_support.OpTrace`` in the sandbox) on the trusted side.

A trace is a list of ``[operation name, output shape, output sum]``; only the
operations that make up layers matter for the architecture checks, the rest
(views, additions, indexing, a spectral norm's power iteration) is bookkeeping.

An architecture read off a trace is anchored (decision 1) by what the module
returned: ``expect_returned_by_last_layer`` asks that the output is what the
last layer computed, so a module that runs the right layers and then answers
with something else of the same shape (zeros, a constant, noise) earns nothing.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from gradekit.grading.checks import CheckFailed

# Operations with weights: each starts a layer.
WEIGHTED = ("conv2d", "conv_transpose2d", "linear")
UPSAMPLING = frozenset({"interpolate", "upsample", "upsample_nearest2d", "upsample_bilinear2d", "pixel_shuffle"})
LAYER_OPS = frozenset({*WEIGHTED, *UPSAMPLING, "batch_norm", "instance_norm", "layer_norm", "group_norm", "relu",
                       "leaky_relu", "tanh", "sigmoid", "hardtanh", "elu", "selu", "gelu", "silu", "softplus",
                       "dropout", "max_pool2d", "avg_pool2d", "adaptive_avg_pool2d"})


class TracedOp(NamedTuple):
    name: str
    shape: tuple[int, ...]
    total: float  # the sum of the output's values


def trace_ops(ops: object, what: str) -> list[TracedOp]:
    """Every operation of a trace, in order; ``CheckFailed`` if it is not a trace."""
    if not isinstance(ops, list) or not all(
            isinstance(op, list) and len(op) == 3 and isinstance(op[1], list) and isinstance(op[2], (int, float))
            for op in ops):
        raise CheckFailed(f"the trace of {what} is not a list of [operation, shape, sum] triples")
    return [TracedOp(str(name), tuple(int(s) for s in shape), float(total)) for name, shape, total in ops]


def layer_ops(ops: object, what: str) -> list[tuple[str, tuple[int, ...]]]:
    """The layer operations of a traced forward pass, in order: (name, output shape)."""
    return [(op.name, op.shape) for op in trace_ops(ops, what) if op.name in LAYER_OPS]


def layer_widths(ops: object, what: str) -> list[int]:
    """The output widths of the fully connected layers (``linear`` operations) a forward pass ran, in order."""
    return [op.shape[-1] for op in trace_ops(ops, what) if op.name == "linear" and op.shape]


def expect_returned_by_last_layer(ops: object, output: np.ndarray, what: str) -> None:
    """The module returned what its last layer operation computed (reshaped at most): the same values, summed.

    The anchor of every architecture check read off a trace: the layers traced
    must be the ones that made the answer.
    """
    layers = [op for op in trace_ops(ops, what) if op.name in LAYER_OPS]
    if not layers:
        raise CheckFailed(f"{what} runs no layer the grader recognises (build it from torch's layers or functions)")
    last = layers[-1]
    values = np.asarray(output, dtype=np.float64)
    total = float(values.sum())
    same = (values.size == int(np.prod(last.shape)) and np.isfinite(total)
            and abs(total - last.total) <= 1e-6 * (values.size + np.abs(values).sum()))
    if not same:
        raise CheckFailed(f"{what} does not return what its last layer ({last.name}, output shape {last.shape}) "
                          f"computed: the output sums to {total:.6g}, the layer's to {last.total:.6g}")


def blocks(layers: list[tuple[str, tuple[int, ...]]]) -> list[tuple[str, list[str]]]:
    """The layers grouped as (weighted op, the normalisations and activations after it, before the next one).

    Upsampling operations are left out: they belong to no layer's output
    (a separate check asks for transposed convolutions instead).
    """
    grouped: list[tuple[str, list[str]]] = []
    for name, _ in layers:
        if name in WEIGHTED:
            grouped.append((name, []))
        elif grouped and name not in UPSAMPLING:
            grouped[-1][1].append(name)
    return grouped
