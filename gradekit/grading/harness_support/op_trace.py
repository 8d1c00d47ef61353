"""The torch operations a forward pass runs, in order: how the grader reads a student's layers.

A check cannot look inside the student's ``nn.Module`` (it lives in the
sandbox, and a layer may be written many ways), but every layer ends in a
torch function: ``conv_transpose2d``, ``batch_norm``, ``linear``, ``tanh``.
``OpTrace`` records each call that returns a tensor as ``[name, shape, sum]``;
the trusted side groups them into layers (``gradekit.grading.op_traces``).
The sum of each output lets the grader tell that the module returned what
its last layer computed, not another tensor of the same shape made beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch.overrides import TorchFunctionMode


class OpTrace(TorchFunctionMode):
    """Inside ``with OpTrace() as trace:``, ``trace.ops`` lists every torch operation run:
    [name, output shape, sum of the output's values (float64)].

    Names lose a trailing underscore (``relu_`` of an in-place ReLU is ``relu``).
    """

    def __init__(self) -> None:
        super().__init__()
        self.ops: list[list[Any]] = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if isinstance(out, torch.Tensor):
            # the mode is off inside its own handler: this sum is not recorded as an operation of the model
            total = float(out.detach().double().sum()) if out.is_floating_point() else 0.0
            self.ops.append([getattr(func, "__name__", "?").rstrip("_"), list(out.shape), total])
        return out


def traced(forward: Callable[..., Any], *args: Any) -> tuple[Any, list[list[Any]]]:
    """``forward(*args)`` without gradients, and the operations it ran."""
    with torch.no_grad(), OpTrace() as trace:
        out = forward(*args)
    return out, trace.ops
