"""The wire format: plain data crosses as itself, anything else as Opaque, forged frames are refused.

Decoding runs on the grader's side on bytes that student code may have
written, so every refusal here is a way a forged reply could otherwise have
run code or exhausted the grader's memory.
"""

from __future__ import annotations

import io
import json
import pickle
import struct

import numpy as np
import pytest

from gradekit.grading import wire
from gradekit.grading.wire import Opaque, WireError, WireTensor


def roundtrip(value):
    frame = wire.encode_frame({"ok": True}, value)
    size = wire.HEADER.unpack(frame[:4])[0]
    return wire.decode_frame(frame[4:4 + size], frame[4 + size:])[1]


def forged(value_node: dict, blobs: list[bytes] = ()) -> tuple[bytes, bytes]:
    """A header and body as student code could write them."""
    head = json.dumps({"ok": True, "value": value_node, "blobs": [len(b) for b in blobs]}).encode()
    return head, b"".join(blobs)


def test_plain_values_cross_as_themselves():
    value = [1, 2.5, "s", None, True, (3, -0.0), {"k": [np.float32(1.5), np.int64(7)]}]
    assert roundtrip(value) == value
    array = np.arange(12, dtype=np.int16).reshape(3, 4).T  # not contiguous, not native order of axes
    decoded = roundtrip(array)
    assert decoded.dtype == np.int16 and decoded.shape == (4, 3) and (decoded == array).all()
    assert roundtrip(np.array(2.5)).shape == ()
    assert type(roundtrip(np.float64(2.5))) is np.float64
    tensor = roundtrip(WireTensor(np.ones((2, 2), np.float32), "float32", True))
    assert tensor.dtype == "float32" and tensor.requires_grad and tensor.array.dtype == np.float32


def test_subclasses_lose_their_methods_or_cross_as_opaque():
    class LyingFloat(float):
        def __eq__(self, other):
            return True

        def __repr__(self):
            return "3.0"

    class LyingArray(np.ndarray):
        pass

    class LyingDict(dict):
        pass

    assert roundtrip(LyingFloat(-1.0)) == -1.0 and type(roundtrip(LyingFloat(-1.0))) is float
    assert isinstance(roundtrip(np.zeros(3).view(LyingArray)), Opaque)
    assert isinstance(roundtrip(LyingDict(a=1)), Opaque)
    assert roundtrip(np.array([object()], dtype=object)) == Opaque("numpy.ndarray of dtype object")
    assert isinstance(roundtrip(np.zeros(2, dtype=[("a", "f8")])), Opaque)


def test_a_value_nested_deeper_than_32_levels_is_opaque_there():
    loop: list = []
    loop.append(loop)
    decoded = roundtrip(loop)
    for _ in range(wire.MAX_DEPTH):
        assert isinstance(decoded, list)
        decoded = decoded[0]
    assert decoded == Opaque(f"nesting deeper than {wire.MAX_DEPTH} levels")


@pytest.mark.parametrize("dtype", ["|O", "O", "<U3", "|V8", "[('a', '|O')]", "|S4", "<M8[s]"])
def test_arrays_of_non_numeric_dtypes_are_refused(dtype):
    with pytest.raises(WireError, match="not accepted"):
        wire.decode_frame(*forged({"t": "ndarray", "blob": 0, "np": dtype, "shape": [1]}, [b"\0" * 8]))


def test_a_pickled_array_is_refused_and_never_unpickled():
    class Payload:
        def __reduce__(self):
            return (exec, ("import builtins; builtins.GRADEKIT_WIRE_PWNED = True",))

    buffer = io.BytesIO()
    np.save(buffer, np.array([Payload()], dtype=object), allow_pickle=True)
    for blob in (buffer.getvalue(), pickle.dumps(Payload())):
        for node in ({"t": "ndarray", "blob": 0, "np": "|O", "shape": [1]},
                     {"t": "pickle", "blob": 0}):
            with pytest.raises(WireError):
                wire.decode_frame(*forged(node, [blob]))
    import builtins

    assert not hasattr(builtins, "GRADEKIT_WIRE_PWNED")


def test_a_shape_larger_than_its_bytes_is_refused_before_allocating():
    node = {"t": "ndarray", "blob": 0, "np": "<f8", "shape": [10**6, 10**6, 10**6]}
    with pytest.raises(WireError, match="does not match its shape"):
        wire.decode_frame(*forged(node, [b"\0" * 8]))


@pytest.mark.parametrize("head", [
    b"not json", b"[1, 2]", b"{" * 100_000, b'{"blobs": [-5]}', b'{"blobs": "12"}',
    b'{"value": {"t": "list"}}', b'{"value": {"t": "float"}}', b'{"value": {"t": "what"}}',
    b'{"value": {"t": "generator", "seed": "x"}}', b'{"value": [1, 2]}',
])
def test_malformed_headers_raise_wire_errors_only(head):
    with pytest.raises(WireError):
        wire.decode_frame(head, b"")


def test_blob_sizes_must_add_up_to_the_body():
    head, body = forged({"t": "ndarray", "blob": 0, "np": "<f8", "shape": [1]}, [b"\0" * 8])
    with pytest.raises(WireError):
        wire.decode_frame(head, body + b"extra")
    assert struct.calcsize(">I") == wire.HEADER.size
