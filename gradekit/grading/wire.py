"""The wire format between the grader and the sandboxed worker.

This file is copied into the sandbox next to ``worker.py``, so it imports only
the standard library and numpy (torch lazily, and only when a tensor crosses).

A message is one frame: a 4-byte big-endian header length, a JSON header, then
the binary blobs the header lists (arrays as ``.npy`` bytes). Values are plain
JSON where JSON suffices and tagged dictionaries otherwise. Nothing is ever
pickled: decoding can only build numbers, strings, lists, dicts and numeric
arrays, so a reply forged by student code can misreport the student's own
outputs and nothing more.
"""

from __future__ import annotations

import io
import json
import os
import struct
from dataclasses import dataclass
from typing import Any

import numpy as np

HEADER = struct.Struct(">I")
MAX_DEPTH = 32


class WireError(Exception):
    """A frame or value that does not follow the wire format."""


@dataclass(frozen=True)
class WireTensor:
    """A torch tensor as it crosses the wire: its values and what torch said of it."""

    array: np.ndarray
    dtype: str  # torch's name, e.g. "float32"
    requires_grad: bool = False

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.array.shape)


@dataclass(frozen=True)
class WireGenerator:
    """A request for a fresh ``torch.Generator`` seeded with ``seed``."""

    seed: int


@dataclass(frozen=True)
class Opaque:
    """Whatever the student returned that is not plain data: only its type's name crosses."""

    type_name: str


# ---------------------------------------------------------------- encoding


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    # ascontiguousarray turns a 0-d array into shape (1,); the reshape keeps scalars 0-d
    np.save(buffer, np.ascontiguousarray(array).reshape(array.shape), allow_pickle=False)
    return buffer.getvalue()


def _type_name(value: Any) -> str:
    cls = type(value)
    return f"{cls.__module__}.{cls.__qualname__}"[:200]


def _encode(value: Any, blobs: list[bytes], depth: int) -> Any:
    if depth > MAX_DEPTH:
        return {"t": "opaque", "type": "nesting deeper than 32 levels"}
    # numpy scalars first: np.float64 is a float subclass, np.bool_ is not a bool
    if isinstance(value, np.generic):
        if value.dtype.kind in "biufc":
            blobs.append(_npy_bytes(np.asarray(value)))
            return {"t": "npscalar", "blob": len(blobs) - 1}
        return {"t": "opaque", "type": _type_name(value)}
    if value is None or type(value) in (bool, str):
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)  # an int subclass loses its methods here, as it should
    if isinstance(value, float):
        return {"t": "float", "v": float.__repr__(value)}
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufc":
            return {"t": "opaque", "type": f"numpy.ndarray of dtype {value.dtype}"}
        blobs.append(_npy_bytes(np.asarray(value)))
        return {"t": "ndarray", "blob": len(blobs) - 1}
    if type(value) in (list, tuple):
        tag = "list" if type(value) is list else "tuple"
        return {"t": tag, "v": [_encode(v, blobs, depth + 1) for v in value]}
    if type(value) is dict and all(type(k) is str for k in value):
        return {"t": "dict", "v": {k: _encode(v, blobs, depth + 1) for k, v in value.items()}}
    if isinstance(value, WireTensor):
        blobs.append(_npy_bytes(value.array))
        return {"t": "tensor", "blob": len(blobs) - 1, "dtype": value.dtype,
                "requires_grad": bool(value.requires_grad)}
    if isinstance(value, WireGenerator):
        return {"t": "generator", "seed": int(value.seed)}
    torch = _torch_if_loaded()
    if torch is not None and isinstance(value, torch.Tensor):
        return _encode(_tensor_to_wire(torch, value), blobs, depth)
    return {"t": "opaque", "type": _type_name(value)}


def _torch_if_loaded():
    import sys

    return sys.modules.get("torch")


def _tensor_to_wire(torch, tensor) -> WireTensor:
    dtype = str(tensor.dtype).removeprefix("torch.")
    data = tensor.detach().cpu()
    if data.dtype == torch.bfloat16:
        data = data.float()
    return WireTensor(data.numpy(), dtype, bool(tensor.requires_grad))


def encode_frame(header: dict, value: Any = None) -> bytes:
    """One frame holding ``header`` plus ``value`` under the key ``"value"``."""
    blobs: list[bytes] = []
    header = dict(header)
    header["value"] = _encode(value, blobs, 0)
    header["blobs"] = [len(b) for b in blobs]
    head = json.dumps(header, allow_nan=True).encode()
    return HEADER.pack(len(head)) + head + b"".join(blobs)


# ---------------------------------------------------------------- decoding


def _decode(node: Any, blobs: list[bytes], depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    if node is None or isinstance(node, (bool, int, str)):
        return node
    if isinstance(node, float):
        return node
    if not isinstance(node, dict) or not isinstance(node.get("t"), str):
        raise WireError(f"untagged value of JSON type {type(node).__name__}")
    tag = node["t"]
    if tag == "float":
        return float(str(node["v"]))
    if tag in ("ndarray", "npscalar", "tensor"):
        array = _load_npy(blobs, node.get("blob"))
        if tag == "npscalar":
            if array.shape != ():
                raise WireError("a numpy scalar must be 0-dimensional")
            return array[()]
        if tag == "tensor":
            return WireTensor(array, str(node.get("dtype", "?"))[:40], bool(node.get("requires_grad")))
        return array
    if tag in ("list", "tuple"):
        items = node.get("v")
        if not isinstance(items, list):
            raise WireError(f"{tag} without items")
        decoded = [_decode(v, blobs, depth + 1) for v in items]
        return decoded if tag == "list" else tuple(decoded)
    if tag == "dict":
        items = node.get("v")
        if not isinstance(items, dict):
            raise WireError("dict without items")
        return {str(k): _decode(v, blobs, depth + 1) for k, v in items.items()}
    if tag == "generator":
        return WireGenerator(int(node["seed"]))
    if tag == "opaque":
        return Opaque(str(node.get("type", "?"))[:200])
    raise WireError(f"unknown tag {tag!r}")


def _load_npy(blobs: list[bytes], index: Any) -> np.ndarray:
    if not isinstance(index, int) or not 0 <= index < len(blobs):
        raise WireError("array refers to a missing blob")
    try:
        array = np.load(io.BytesIO(blobs[index]), allow_pickle=False)
    except Exception as error:  # a malformed .npy is the sender's problem, not ours
        raise WireError(f"malformed array: {error}") from None
    if array.dtype.kind not in "biufc":
        raise WireError(f"arrays of dtype {array.dtype} are not accepted")
    return array


def decode_frame(head: bytes, body: bytes) -> tuple[dict, Any]:
    """Parse a header and its blobs into ``(header, value)``."""
    try:
        header = json.loads(head)
    except (ValueError, UnicodeDecodeError) as error:
        raise WireError(f"header is not JSON: {error}") from None
    if not isinstance(header, dict):
        raise WireError("header is not a JSON object")
    sizes = header.get("blobs", [])
    if not isinstance(sizes, list) or not all(isinstance(s, int) and s >= 0 for s in sizes):
        raise WireError("bad blob list")
    if sum(sizes) != len(body):
        raise WireError("blob sizes do not add up to the frame body")
    blobs, offset = [], 0
    for size in sizes:
        blobs.append(body[offset:offset + size])
        offset += size
    return header, _decode(header.get("value"), blobs, 0)


# ---------------------------------------------------------------- blocking I/O (worker side)


def read_exact(fd: int, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the channel")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int) -> tuple[dict, Any]:
    (head_size,) = HEADER.unpack(read_exact(fd, HEADER.size))
    head = read_exact(fd, head_size)
    sizes = json.loads(head).get("blobs", [])
    body = read_exact(fd, sum(sizes))
    return decode_frame(head, body)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
