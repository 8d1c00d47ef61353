"""Runs inside a trivial submission (copied there as ``_trivial_runtime.py``): stdlib, numpy, torch only.

``install`` replaces each contract name of the submission's module by a trivial
stand-in: a function calls the reference (a private copy beside it) only to
learn its output's type and shape, then answers with the kind's value; a class
becomes a subclass of the reference's whose own methods answer the same way.

Kinds: ``constant`` (ones), ``zeros``, ``first-argument`` (the first argument,
unchanged), ``nan``, ``random`` (seeded values of the output's shape and dtype).
Tensors stay tensors of the reference's dtype, attached to its graph with a
zero gradient where it had one, so a loss answered this way back-propagates and
trains nothing. Where the reference raises (a bad input), the stand-in still
answers, with the kind's number: a trivial function never earns an "it raises"
check.
"""

from __future__ import annotations

import functools
import inspect
import math
import random as _random
from typing import Any

import numpy as np

KINDS = ("constant", "zeros", "first-argument", "nan", "random")


class _Answer:
    """The trivial value of one kind, shaped like a reference output."""

    def __init__(self, kind: str, seed: int):
        if kind not in KINDS:
            raise ValueError(f"unknown trivial kind {kind!r}; known: {', '.join(KINDS)}")
        self.kind = kind
        self.rng = np.random.default_rng(seed)
        self.python_rng = _random.Random(seed)
        self.seed = seed

    def number(self, like: Any = 0.0) -> Any:
        """The kind's number, of the type of ``like`` where that type can hold it."""
        value = {"constant": 1.0, "zeros": 0.0, "nan": math.nan, "first-argument": 1.0,
                 "random": float(self.rng.standard_normal())}[self.kind]
        if isinstance(like, (bool, np.bool_)):
            return type(like)(self.rng.integers(2)) if self.kind == "random" else (
                value if self.kind == "nan" else type(like)(value))
        if isinstance(like, (int, np.integer)):
            return value if self.kind == "nan" else type(like)(int(self.rng.integers(10)) if self.kind == "random"
                                                              else value)
        if isinstance(like, (float, np.floating)):
            return type(like)(value)
        return value

    def like(self, reference: Any) -> Any:
        """An answer of the kind, shaped like ``reference`` (what the reference returned)."""
        if isinstance(reference, (bool, np.bool_, int, float, np.integer, np.floating)):
            return self.number(reference)
        if isinstance(reference, str):
            return self._text(reference)
        if isinstance(reference, np.ndarray):
            return self._array(reference)
        if _is_tensor(reference):
            return self._tensor(reference)
        if isinstance(reference, tuple) and hasattr(reference, "_fields"):  # a namedtuple
            return type(reference)(*(self.like(item) for item in reference))
        if isinstance(reference, (tuple, list)):
            return type(reference)(self.like(item) for item in reference)
        if isinstance(reference, dict):
            return {key: self.like(item) for key, item in reference.items()}
        return None  # an object we cannot imitate: answering the reference's would not be trivial

    def _text(self, reference: str) -> str:
        if self.kind == "random":
            return "".join(self.python_rng.choice("abcdefghij ") for _ in reference)
        return {"constant": "a", "zeros": "", "nan": "nan", "first-argument": "a"}[self.kind]

    def _array(self, reference: np.ndarray) -> np.ndarray:
        if self.kind == "nan":
            return np.full(reference.shape, np.nan)
        if self.kind == "random":
            if reference.dtype.kind in "iu":
                return self.rng.integers(0, 10, reference.shape).astype(reference.dtype)
            if reference.dtype.kind == "b":
                return self.rng.integers(0, 2, reference.shape).astype(bool)
            return self.rng.standard_normal(reference.shape).astype(reference.dtype)
        fill = 0 if self.kind == "zeros" else 1
        if reference.dtype.kind not in "biufc":
            return np.full(reference.shape, fill)
        return np.full(reference.shape, fill, dtype=reference.dtype)

    def _tensor(self, reference):
        import torch

        if not (reference.is_floating_point() or reference.is_complex()):
            if self.kind == "nan":
                return torch.full(reference.shape, math.nan)
            if self.kind == "random":
                generator = torch.Generator().manual_seed(int(self.rng.integers(2**31)))
                return torch.randint(0, 2 if reference.dtype == torch.bool else 10, reference.shape,
                                     generator=generator).to(reference.dtype)
            return torch.full(reference.shape, 0 if self.kind == "zeros" else 1, dtype=reference.dtype)
        # nan_to_num(...) * 0: zeros on the reference's graph (a zero gradient, no NaN from an inf output)
        zero = torch.nan_to_num(reference) * 0 if reference.requires_grad else torch.zeros_like(reference)
        if self.kind == "zeros":
            return zero
        if self.kind == "nan":
            return zero + math.nan
        if self.kind == "random":
            generator = torch.Generator().manual_seed(int(self.rng.integers(2**31)))
            return zero + torch.randn(reference.shape, generator=generator, dtype=reference.dtype)
        return zero + 1


def _is_tensor(value: Any) -> bool:
    torch = __import__("sys").modules.get("torch")
    return torch is not None and isinstance(value, torch.Tensor)


def trivial_function(reference, answer: _Answer, *, method: bool = False):
    """``reference`` answering trivially: called for its output's shape, its output then replaced."""

    @functools.wraps(reference)
    def stand_in(*args, **kwargs):
        arguments = list(args[1:] if method else args) + list(kwargs.values())
        if answer.kind == "first-argument" and arguments:
            return arguments[0]
        try:
            output = reference(*args, **kwargs)
        except Exception:  # the reference refuses this input; a trivial function answers anyway
            return answer.number()
        return answer.like(output)

    return stand_in


def trivial_class(reference: type, answer: _Answer) -> type:
    """A subclass of ``reference`` whose own public methods (``forward``, ``encode``...) answer trivially.

    Construction, parameters and inherited machinery (``nn.Module.parameters``)
    stay the reference's, so a harness can build, train and call it.
    """
    own: dict[str, Any] = {}
    for klass in reversed([k for k in reference.__mro__ if k.__module__ == reference.__module__]):
        for name, value in vars(klass).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            own[name] = trivial_function(value, answer, method=True)
    return type(reference.__name__, (reference,), {**own, "__module__": reference.__module__,
                                                   "__qualname__": reference.__qualname__,
                                                   "__doc__": reference.__doc__})


def install(namespace: dict, reference_module, names: list[str], kind: str, seed: int = 0) -> None:
    """Define each of ``names`` in ``namespace`` (a submission module's globals) as a trivial stand-in."""
    answer = _Answer(kind, seed)
    for name in names:
        target = getattr(reference_module, name)
        if inspect.isclass(target):
            namespace[name] = trivial_class(target, answer)
        elif callable(target):
            namespace[name] = trivial_function(target, answer)
        else:
            namespace[name] = answer.like(target)
