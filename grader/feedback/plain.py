"""Plain data: the only values that cross from the student's code to whoever judges it.

Why not pickle: unpickling runs code chosen by whoever wrote the bytes, and the bytes come from a
process that runs student code.  A message is JSON; a numeric array travels as its dtype (a short
string such as ``<f8``, checked against a pattern), its shape and its raw bytes (base64), and is rebuilt
with ``np.frombuffer``, so what comes back is a plain ``numpy.ndarray`` of a numeric dtype or an error,
never an object of the student's choosing.  (``.npy`` with ``allow_pickle=False`` would be as safe;
parsing its header costs five times as much.)

Three places use this module, all of them beside student code: the sandbox's request server (which
loads it by path), the grader's side of the pipe, and the handout's ``check.py``, which passes every
value through ``copy`` so that a public check sees exactly what the grader would.  It imports only the
standard library and numpy.
"""
from __future__ import annotations

import base64
import json
import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_VALUES = 100_000  # values in one message: a few arrays and numbers, never millions of empty lists
MAX_DEPTH = 32
MAX_DIMS = 32
MAX_ARRAY_BYTES = 1 << 20  # an answer here is a few small arrays; a larger one is described, not sent
_NUMERIC_KINDS = "biuf"  # bool, signed, unsigned, float (complex and object are refused)
_DTYPE = re.compile(r"[<>|][biuf](1|2|4|8|16)")


class NotPlainData(Exception):
    """A value that cannot be sent, or bytes from the other side that are not a well-formed message."""


@dataclass(frozen=True)
class TooLarge:
    """A numeric array too large to be an answer (a broadcast gone wrong, say): its shape and dtype travel, its
    values do not, so a check can still say "expected shape (1, 5), got (10000, 10000)"."""

    shape: tuple[int, ...]
    dtype: str

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * np.dtype(self.dtype).itemsize


def _encode(value: Any, depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise NotPlainData("value nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return {"__int__": str(int(value))}
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else {"__float__": repr(f)}
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, TooLarge):
        return {"__too_large__": {"dtype": value.dtype, "shape": list(value.shape)}}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in _NUMERIC_KINDS:
            raise NotPlainData(f"array of dtype {value.dtype} cannot be sent")
        if value.nbytes > MAX_ARRAY_BYTES:
            return {"__too_large__": {"dtype": value.dtype.str, "shape": list(value.shape)}}
        plain = np.array(value, copy=True, order="C", subok=False)  # 0-d stays 0-d, unlike ascontiguousarray
        return {"__ndarray__": {"dtype": plain.dtype.str, "shape": list(plain.shape),
                                "data": base64.b64encode(plain.tobytes()).decode("ascii")}}
    if isinstance(value, (list, tuple)):
        return {"__list__": [_encode(v, depth + 1) for v in value]}
    if isinstance(value, dict):
        return {"__dict__": {str(k): _encode(v, depth + 1) for k, v in value.items()}}
    raise NotPlainData(f"value of type {type(value).__name__} cannot be sent")


class _Budget:
    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_VALUES


def _decode(obj: Any, depth: int, budget: _Budget) -> Any:
    if depth > MAX_DEPTH + 2:
        raise NotPlainData("value nested too deeply")
    budget.left -= 1
    if budget.left < 0:
        raise NotPlainData(f"more than {MAX_VALUES} values in one message")
    if obj is None or isinstance(obj, (bool, str, float, int)):
        return obj
    if isinstance(obj, list):  # only in headers; values use __list__
        return [_decode(v, depth + 1, budget) for v in obj]
    if not isinstance(obj, dict) or len(obj) != 1:
        raise NotPlainData("malformed value")
    (tag, payload), = obj.items()
    if tag == "__int__":
        return int(str(payload)[:100])
    if tag == "__float__":
        return float(payload)
    if tag == "__ndarray__":
        return _decode_array(payload)
    if tag == "__too_large__":
        if not isinstance(payload, dict) or set(payload) != {"dtype", "shape"}:
            raise NotPlainData("malformed array description")
        dtype, shape = payload["dtype"], payload["shape"]
        if (not isinstance(dtype, str) or not _DTYPE.fullmatch(dtype) or not isinstance(shape, list)
                or len(shape) > MAX_DIMS or not all(type(n) is int and 0 <= n for n in shape)):
            raise NotPlainData("malformed array description")
        return TooLarge(tuple(shape), dtype)
    if tag == "__list__":
        if not isinstance(payload, list):
            raise NotPlainData("malformed list")
        return [_decode(v, depth + 1, budget) for v in payload]
    if tag == "__dict__":
        if not isinstance(payload, dict):
            raise NotPlainData("malformed dict")
        return {str(k): _decode(v, depth + 1, budget) for k, v in payload.items()}
    raise NotPlainData(f"unknown tag {tag!r}")


def _decode_array(payload: Any) -> np.ndarray:
    if not isinstance(payload, dict) or set(payload) != {"dtype", "shape", "data"}:
        raise NotPlainData("malformed array")
    dtype, shape, data = payload["dtype"], payload["shape"], payload["data"]
    if not isinstance(dtype, str) or not _DTYPE.fullmatch(dtype):
        raise NotPlainData("array of a non-numeric dtype")
    if (not isinstance(shape, list) or len(shape) > MAX_DIMS
            or not all(type(n) is int and 0 <= n for n in shape) or not isinstance(data, str)):
        raise NotPlainData("malformed array")
    try:
        kind = np.dtype(dtype)
        raw = base64.b64decode(data, validate=True)
    except Exception as exc:  # noqa: BLE001 - any failure here is malformed input
        raise NotPlainData(f"malformed array: {exc}") from None
    if kind.kind not in _NUMERIC_KINDS:
        raise NotPlainData("array of a non-numeric dtype")
    if len(raw) != math.prod(shape) * kind.itemsize:
        raise NotPlainData("malformed array: its bytes do not match its shape")
    return np.frombuffer(raw, dtype=kind).reshape(shape).copy()


def dumps(message: dict[str, Any]) -> bytes:
    """A message (a dict of plain values) as the bytes of one frame's body."""
    return json.dumps(_encode(message), separators=(",", ":"), allow_nan=False).encode()


def loads(body: bytes) -> dict[str, Any]:
    """The message in a frame's body; raises NotPlainData for anything but plain data."""
    try:
        obj = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise NotPlainData(f"not JSON: {exc}") from None
    message = _decode(obj, 0, _Budget())
    if not isinstance(message, dict):
        raise NotPlainData("a message must be a dict")
    return message


def copy(value: Any) -> Any:
    """``value`` as the grader would have it from the sandbox: a fresh copy made of plain data only."""
    return _decode(_encode(value), 0, _Budget())


def type_name(value: Any) -> str:
    """The type of a value that is not plain data, as a TA can look it up (``builtins.set``,
    ``numpy.ndarray (dtype object)``); the value may be hostile, so describing it never raises."""
    try:
        t = type(value)
        name = f"{t.__module__}.{t.__qualname__}"
        if isinstance(value, np.ndarray):
            name += f" (dtype {np.ndarray.__dict__['dtype'].__get__(value)})"
        return str(name)[:200]
    except BaseException:  # noqa: BLE001
        return "an object that could not be described"
