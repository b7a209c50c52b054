"""The plain-data codec between the grader and a sandbox.

Why not pickle: unpickling runs code chosen by whoever wrote the bytes, and the bytes come from a
process that runs student code.  Everything that crosses the boundary is JSON; a numeric array travels
as its dtype (a short string such as ``<f8``, checked against a pattern), its shape and its raw bytes
(base64), and is rebuilt with ``np.frombuffer``, so what the grader gets is a plain ``numpy.ndarray``
of a numeric dtype or an error, never an object of the student's choosing.  (``.npy`` with
``allow_pickle=False`` would be as safe; parsing its header costs five times as much.)

This module is imported by the sandbox child too, so it imports nothing from the grader.
"""
from __future__ import annotations

import base64
import json
import math
import re
import struct
from typing import Any, BinaryIO

import numpy as np

MAX_FRAME = 64 * 1024 * 1024  # bytes; a reply larger than this is refused
_HEADER = struct.Struct(">Q")
_NUMERIC_KINDS = "biuf"  # bool, signed, unsigned, float (complex and object are refused)


class WireError(Exception):
    """Bytes from the other side that are not a well-formed message."""


def _encode_value(value: Any, depth: int = 0) -> Any:
    if depth > 32:
        raise WireError("value nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return {"__int__": str(int(value))}
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else {"__float__": repr(f)}
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in _NUMERIC_KINDS:
            raise WireError(f"array of dtype {value.dtype} cannot be sent")
        plain = np.array(value, copy=True, order="C", subok=False)  # 0-d stays 0-d, unlike ascontiguousarray
        return {"__ndarray__": {"dtype": plain.dtype.str, "shape": list(plain.shape),
                                "data": base64.b64encode(plain.tobytes()).decode("ascii")}}
    if isinstance(value, (list, tuple)):
        return {"__list__": [_encode_value(v, depth + 1) for v in value]}
    if isinstance(value, dict):
        return {"__dict__": {str(k): _encode_value(v, depth + 1) for k, v in value.items()}}
    raise WireError(f"value of type {type(value).__name__} cannot be sent")


MAX_VALUES = 100_000  # values in one message: a few arrays and numbers, never millions of empty lists


class _Budget:
    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_VALUES


def _decode_value(obj: Any, depth: int = 0, budget: _Budget | None = None) -> Any:
    if depth > 34:
        raise WireError("value nested too deeply")
    if budget is None:
        budget = _Budget()
    budget.left -= 1
    if budget.left < 0:
        raise WireError(f"more than {MAX_VALUES} values in one message")
    if obj is None or isinstance(obj, (bool, str, float)):
        return obj
    if isinstance(obj, int):
        return obj
    if isinstance(obj, list):  # only in headers; values use __list__
        return [_decode_value(v, depth + 1, budget) for v in obj]
    if not isinstance(obj, dict) or len(obj) != 1:
        raise WireError("malformed value")
    (tag, payload), = obj.items()
    if tag == "__int__":
        return int(str(payload)[:100])
    if tag == "__float__":
        return float(payload)
    if tag == "__ndarray__":
        return _decode_array(payload)
    if tag == "__list__":
        if not isinstance(payload, list):
            raise WireError("malformed list")
        return [_decode_value(v, depth + 1, budget) for v in payload]
    if tag == "__dict__":
        if not isinstance(payload, dict):
            raise WireError("malformed dict")
        return {str(k): _decode_value(v, depth + 1, budget) for k, v in payload.items()}
    raise WireError(f"unknown tag {tag!r}")


_DTYPE = re.compile(r"[<>|][biuf](1|2|4|8|16)")
MAX_DIMS = 32


def _decode_array(payload: Any) -> np.ndarray:
    if not isinstance(payload, dict) or set(payload) != {"dtype", "shape", "data"}:
        raise WireError("malformed array")
    dtype, shape, data = payload["dtype"], payload["shape"], payload["data"]
    if not isinstance(dtype, str) or not _DTYPE.fullmatch(dtype):
        raise WireError("array of a non-numeric dtype")
    if (not isinstance(shape, list) or len(shape) > MAX_DIMS
            or not all(type(n) is int and 0 <= n for n in shape) or not isinstance(data, str)):
        raise WireError("malformed array")
    try:
        kind = np.dtype(dtype)
        raw = base64.b64decode(data, validate=True)
    except Exception as exc:  # noqa: BLE001 - any failure here is malformed input
        raise WireError(f"malformed array: {exc}") from None
    if kind.kind not in _NUMERIC_KINDS:
        raise WireError("array of a non-numeric dtype")
    if len(raw) != math.prod(shape) * kind.itemsize:
        raise WireError("malformed array: its bytes do not match its shape")
    return np.frombuffer(raw, dtype=kind).reshape(shape).copy()


def encode(message: dict[str, Any]) -> bytes:
    """A message (a dict of plain values) as one length-prefixed frame."""
    body = json.dumps(_encode_value(message), separators=(",", ":"), allow_nan=False).encode()
    if len(body) > MAX_FRAME:
        raise WireError(f"message of {len(body)} bytes exceeds the {MAX_FRAME}-byte limit")
    return _HEADER.pack(len(body)) + body


def decode(body: bytes) -> dict[str, Any]:
    """The message in a frame's body; raises WireError for anything but plain data."""
    try:
        obj = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not JSON: {exc}") from None
    message = _decode_value(obj)
    if not isinstance(message, dict):
        raise WireError("a message must be a dict")
    return message


def write_frame(stream: BinaryIO, message: dict[str, Any]) -> None:
    stream.write(encode(message))
    stream.flush()


def read_exact(stream: BinaryIO, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("stream closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: BinaryIO) -> dict[str, Any]:
    (length,) = _HEADER.unpack(read_exact(stream, _HEADER.size))
    if length > MAX_FRAME:
        raise WireError(f"frame of {length} bytes exceeds the limit")
    return decode(read_exact(stream, length))
