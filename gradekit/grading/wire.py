"""The wire format between the grader and the sandboxed worker.

This file is copied into the sandbox next to ``worker.py``, so it imports only
the standard library and numpy (torch lazily, and only when a tensor crosses).

A message is one frame: a 4-byte big-endian header length, a JSON header, then
the binary blobs the header lists (an array's raw bytes, its dtype and shape in
the header). Values are plain JSON where JSON suffices and tagged dictionaries
otherwise. Nothing is ever pickled: decoding can only build numbers, strings,
lists, dicts and numeric arrays, so a reply forged by student code can
misreport the student's own outputs and nothing more. Only exact builtin and
numpy types cross as themselves; subclasses, whose methods could lie, and
everything else cross as ``Opaque``.
"""

from __future__ import annotations

import json
import math
import os
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

HEADER = struct.Struct(">I")
MAX_DEPTH = 32
MAX_HEAD_BYTES = 16 * 2**20  # the JSON part of one frame; arrays travel as blobs beside it
NUMERIC_KINDS = "biufc"  # bool, int, uint, float, complex: the only dtypes that cross
_NUMERIC_DTYPE = re.compile(r"[<>|=][biufc][0-9]{1,2}")  # numpy's dtype.str of those kinds
_NUMPY_SCALARS = frozenset({np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
                            np.uint32, np.uint64, np.float16, np.float32, np.float64, np.longdouble,
                            np.complex64, np.complex128, np.clongdouble})


class WireError(Exception):
    """A frame or value that does not follow the wire format."""

    def student_message(self) -> str:
        """What the student reads, after "your code ...": what their worker sent."""
        return f"sent a malformed reply ({self})"


class HeaderTooLarge(WireError):
    def student_message(self) -> str:
        return (f"returned a value too large to send back (over {MAX_HEAD_BYTES // 2**20} MB of plain data; "
                "large results should be numpy arrays)")


class ReplyTooLarge(WireError):
    def student_message(self) -> str:
        return f"returned more than {self} MB"


class ForgedReply(WireError):
    def student_message(self) -> str:
        return "wrote into the grader's reply channel (a forged reply)"


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


def _array_node(tag: str, array: np.ndarray, blobs: list[bytes]) -> dict:
    """An array's bytes go to the blobs; its dtype and shape to the header."""
    array = np.asarray(array)
    blobs.append(np.ascontiguousarray(array).tobytes())
    return {"t": tag, "blob": len(blobs) - 1, "np": array.dtype.str, "shape": list(array.shape)}


def _type_name(value: Any) -> str:
    cls = type(value)
    return f"{cls.__module__}.{cls.__qualname__}"[:200]


def _encode(value: Any, blobs: list[bytes], depth: int) -> Any:
    """Plain data as it is; anything else as ``Opaque``.

    Types are tested with ``type(value)``, never ``isinstance``: an object can
    claim any ``__class__``. Subclasses of numbers and strings lose their
    methods (``float.__repr__`` gives the true value, whatever ``__eq__`` or
    ``__float__`` claim); subclasses of numpy arrays and containers cross as
    ``Opaque``, since their methods are what they would lie with.
    """
    if depth >= MAX_DEPTH:  # the decoder refuses anything deeper than this opaque node
        return {"t": "opaque", "type": f"nesting deeper than {MAX_DEPTH} levels"}
    cls = type(value)
    if value is None or cls is bool or cls is str:
        return value
    if cls in _NUMPY_SCALARS:  # before int and float: np.float64 subclasses float
        return _array_node("npscalar", np.asarray(value), blobs)
    if issubclass(cls, (np.generic, np.ndarray)) and cls is not np.ndarray:
        return {"t": "opaque", "type": _type_name(value)}
    if issubclass(cls, int) and not issubclass(cls, bool):
        return int.__int__(value)
    if issubclass(cls, float):
        return {"t": "float", "v": float.__repr__(value)}
    if issubclass(cls, str):
        return str.__str__(value)
    if cls is np.ndarray:
        if value.dtype.kind not in NUMERIC_KINDS or value.dtype.fields is not None:
            return {"t": "opaque", "type": f"numpy.ndarray of dtype {value.dtype}"}
        return _array_node("ndarray", value, blobs)
    if cls is list or cls is tuple:
        tag = "list" if cls is list else "tuple"
        return {"t": tag, "v": [_encode(v, blobs, depth + 1) for v in value]}
    if cls is dict and all(type(k) is str for k in value):
        return {"t": "dict", "v": {k: _encode(v, blobs, depth + 1) for k, v in value.items()}}
    if cls is WireTensor:
        return {**_array_node("tensor", value.array, blobs), "dtype": str(value.dtype),
                "requires_grad": bool(value.requires_grad)}
    if cls is WireGenerator:
        return {"t": "generator", "seed": int(value.seed)}
    torch = _torch_if_loaded()
    if torch is not None and cls in (torch.Tensor, torch.nn.Parameter):
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
        array = _load_array(node, blobs)
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


def _load_array(node: dict, blobs: list[bytes]) -> np.ndarray:
    """A numeric array from a header node and its blob, read without trusting either.

    The dtype must be a plain numeric one (``<f8``, ``|u1``, ...; never object
    or structured), and the blob exactly as long as the shape says, so a forged
    array can neither run code nor make us allocate more than it occupies.
    """
    index, dtype_str, shape = node.get("blob"), node.get("np"), node.get("shape")
    if type(index) is not int or not 0 <= index < len(blobs):
        raise WireError("array refers to a missing blob")
    if type(dtype_str) is not str or not _NUMERIC_DTYPE.fullmatch(dtype_str):
        raise WireError(f"arrays of dtype {str(dtype_str)[:40]!r} are not accepted")
    if (type(shape) is not list or len(shape) > MAX_DEPTH
            or not all(type(n) is int and n >= 0 for n in shape)):
        raise WireError("an array with a malformed shape")
    try:
        dtype = np.dtype(dtype_str)
    except TypeError:
        raise WireError(f"arrays of dtype {dtype_str!r} are not accepted") from None
    blob = blobs[index]
    if math.prod(shape) * dtype.itemsize != len(blob):
        raise WireError("array data does not match its shape")
    return np.frombuffer(blob, dtype=dtype).reshape(shape).copy()


def parse_header(head: bytes) -> dict:
    """A frame's JSON header; a forged one raises ``WireError``, whatever it holds."""
    try:
        header = json.loads(head)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise WireError(f"header is not JSON ({type(error).__name__})") from None
    if type(header) is not dict:
        raise WireError("header is not a JSON object")
    return header


def blob_sizes(header: dict) -> list[int]:
    """The blob sizes a header announces, checked before any blob is read."""
    sizes = header.get("blobs", [])
    if type(sizes) is not list or not all(type(s) is int and s >= 0 for s in sizes):
        raise WireError("bad blob list")
    return sizes


def decode_value(header: dict, body: bytes) -> Any:
    """The value a parsed header and its blobs carry."""
    sizes = blob_sizes(header)
    if sum(sizes) != len(body):
        raise WireError("blob sizes do not add up to the frame body")
    blobs, offset = [], 0
    for size in sizes:
        blobs.append(body[offset:offset + size])
        offset += size
    try:
        return _decode(header.get("value"), blobs, 0)
    except (KeyError, TypeError, ValueError, OverflowError) as error:  # a tag missing its fields
        raise WireError(f"malformed value ({type(error).__name__})") from None


def decode_frame(head: bytes, body: bytes) -> tuple[dict, Any]:
    """Parse a header and its blobs into ``(header, value)``."""
    header = parse_header(head)
    return header, decode_value(header, body)


def read_reply(read: Callable[[int], bytes], max_bytes: int, expect_id: str | None) -> tuple[dict, Any]:
    """One reply frame, read through ``read(size)`` (exactly ``size`` bytes, or it raises), on the
    grader's side: every size is checked before it is read, every field before it is used, and
    anything amiss raises a ``WireError`` saying what, whatever the bytes."""
    (head_size,) = HEADER.unpack(read(HEADER.size))
    if head_size > MAX_HEAD_BYTES:
        raise HeaderTooLarge(f"a header of {head_size} bytes")
    header = parse_header(read(head_size))
    total = sum(blob_sizes(header))
    if expect_id is not None and header.get("id") != expect_id:
        raise ForgedReply("the reply answers another request")
    if total > max_bytes:
        raise ReplyTooLarge(f"{max_bytes // 2**20}")
    return header, decode_value(header, read(total))


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
    header = parse_header(read_exact(fd, head_size))
    body = read_exact(fd, sum(blob_sizes(header)))
    return header, decode_value(header, body)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
