"""The wire format between the grader and the learner process: plain data only.

Messages are length-prefixed UTF-8 JSON. Arrays travel as dtype name + shape + raw bytes
(base64), restricted to numeric dtypes; nothing is ever pickled. Both sides use this module,
and it imports nothing of the grader: the learner process loads it before the learner's file.

``decode`` is the grader's guard: it accepts only the shapes of data ``encode`` produces and
raises ProtocolError for anything else, however the bytes were forged.
"""

from __future__ import annotations

import base64
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# What one message may hold, checked before it is decoded, so that whatever a learner process
# sends, the grader's memory stays bounded: a message decodes into a few tens of MB at most,
# and a check keeps one answer per test for its diagnosis. An exercise's answers are far
# smaller (arrays of tens to thousands of numbers).
MAX_MESSAGE = 4 << 20  # bytes; a larger result is refused, not read
MAX_VALUES = 1 << 17  # JSON values (numbers, strings, lists, objects)
MAX_ELEMENTS = 1 << 20  # array elements
MAX_DEPTH = 16  # nesting of lists, tuples and dicts
MAX_TEXT = 10_000  # characters in one string
NUMERIC_DTYPES = frozenset({
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64",
})
_HEADER = struct.Struct("!I")
# dtype → its name; `dtype.name` is computed in Python on every access, this is a lookup.
_NAME_OF = {np.dtype(name): name for name in NUMERIC_DTYPES}
_DTYPE_OF = {name: np.dtype(name) for name in NUMERIC_DTYPES}


@dataclass(frozen=True)
class RngSeed:
    """An argument that arrives as a fresh ``np.random.default_rng(seed)`` at every call, so
    the learner and the reference draw the same numbers."""

    seed: int


@dataclass(frozen=True)
class FunctionRef:
    """An argument that arrives as a callable: a function of testfns.py with some of its
    arguments bound (for exercises that take a function, like a numerical gradient)."""

    name: str
    bound: dict[str, Any] = field(default_factory=dict)


class ProtocolError(Exception):
    """A message that is not what the protocol allows."""


class EncodeError(Exception):
    """A value that cannot travel: not a number, an array of numbers, or a list/tuple of them."""


def encode(value: Any, depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise EncodeError("nested too deeply")
    kind = type(value)
    if kind in (bool, int, float) or value is None:
        return value
    if kind is str:
        if len(value) > MAX_TEXT:
            raise EncodeError(f"a str of {len(value)} characters")
        return value
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise EncodeError("a dict whose keys are not all str")
        return {"$dict": {k: encode(v, depth + 1) for k, v in value.items()}}
    if kind is RngSeed:
        return {"$rng": value.seed}
    if kind is FunctionRef:
        return {"$fn": [value.name, encode(value.bound, depth + 1)]}
    if kind is np.ndarray:
        return {"$nd": _encode_array(value)}
    if isinstance(value, np.generic) and value.dtype in _NAME_OF:
        return {"$sc": _encode_array(np.asarray(value))}
    if kind is tuple:
        return {"$tuple": [encode(v, depth + 1) for v in value]}
    if kind is list:
        return [encode(v, depth + 1) for v in value]
    raise EncodeError(describe_type(value))


def _encode_array(arr: np.ndarray) -> list[Any]:
    name = _NAME_OF.get(arr.dtype)
    if name is None:
        if arr.dtype.kind not in "biuf" or arr.dtype.name not in NUMERIC_DTYPES:
            raise EncodeError(f"an array of dtype {arr.dtype.name}")
        name = arr.dtype.name  # the same dtype in the other byte order
    native = np.ascontiguousarray(arr, dtype=_DTYPE_OF[name])
    return [name, list(arr.shape), base64.b64encode(native.tobytes()).decode("ascii")]


def describe_type(value: Any) -> str:
    name = type(value).__name__
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "…"
        return f"a str ({shown!r})"
    return "None" if value is None else f"a {name}"


def decode(data: Any, *, readonly: bool = True, learner_side: bool = False) -> Any:
    """Rebuild a value from its encoded form, validating every part of it.

    Only the learner process (``learner_side``) turns ``$rng`` and ``$fn`` into a generator
    and a callable; the grader never accepts them from the learner."""
    return _Decoder(readonly, learner_side).value(data, 0)


class _Decoder:
    def __init__(self, readonly: bool, learner_side: bool) -> None:
        self.readonly = readonly
        self.learner_side = learner_side
        self.budget = MAX_ELEMENTS

    def value(self, data: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise ProtocolError("value nested too deeply")
        kind = type(data)
        if kind in (bool, int, float) or data is None:
            if kind is int and abs(data) > 2**63:
                raise ProtocolError("integer out of range")
            return data
        if kind is str:
            if len(data) > MAX_TEXT:
                raise ProtocolError("string too long")
            return data
        if kind is list:
            return [self.value(v, depth + 1) for v in data]
        if kind is dict and len(data) == 1:
            ((tag, body),) = data.items()
            if tag == "$nd":
                return self.array(body)
            if tag == "$sc":
                arr = self.array(body)
                if arr.shape != ():
                    raise ProtocolError("scalar with a shape")
                return arr[()]
            if tag == "$tuple" and type(body) is list:
                return tuple(self.value(v, depth + 1) for v in body)
            if tag == "$dict" and type(body) is dict:
                return {str(k): self.value(v, depth + 1) for k, v in body.items()}
            if tag == "$rng" and self.learner_side and type(body) is int:
                return np.random.default_rng(body)
            if tag == "$fn" and self.learner_side and type(body) is list and len(body) == 2:
                from functools import partial

                from lossdrill.sandbox import testfns

                function = testfns.FUNCTIONS.get(body[0])
                bound = self.value(body[1], depth + 1)
                if function is None or type(bound) is not dict:
                    raise ProtocolError("unknown test function")
                return partial(function, **bound)
        raise ProtocolError(f"unexpected value of type {kind.__name__}")

    def array(self, body: Any) -> np.ndarray:
        arr, size = _decode_array(body, self.readonly)
        self.budget -= size
        if self.budget < 0:
            raise ProtocolError("too many array elements")
        return arr


def _decode_array(body: Any, readonly: bool) -> tuple[np.ndarray, int]:
    if type(body) is not list or len(body) != 3:
        raise ProtocolError("malformed array")
    name, shape, payload = body
    if type(name) is not str or name not in NUMERIC_DTYPES:
        raise ProtocolError(f"array dtype {str(name)[:20]!r} not allowed")
    if type(shape) is not list or len(shape) > 32 or any(
        type(n) is not int or n < 0 for n in shape
    ):
        raise ProtocolError("malformed array shape")
    if type(payload) is not str:
        raise ProtocolError("malformed array data")
    size = 1
    span = 1  # the size the other dimensions would have without a zero: bounded too
    for n in shape:
        size *= n
        span *= max(n, 1)
    if size > MAX_ELEMENTS or span > MAX_ELEMENTS:
        raise ProtocolError("too many array elements")
    dtype = _DTYPE_OF[name]
    try:
        raw = base64.b64decode(payload, validate=True)
    except ValueError:
        raise ProtocolError("array data is not base64") from None
    if len(raw) != size * dtype.itemsize:
        raise ProtocolError("array data does not match its shape")
    # Bytes are immutable, so this array is read-only unless copied.
    arr = np.frombuffer(raw, dtype=dtype).reshape(shape)
    return (arr if readonly else arr.copy()), size


_ENCODER = json.JSONEncoder(separators=(",", ":"))


def pack(message: dict[str, Any]) -> bytes:
    body = _ENCODER.encode(message).encode("utf-8")
    return _HEADER.pack(len(body)) + body


def write_message(fd: int, message: dict[str, Any]) -> None:
    data = pack(message)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


_unread: dict[int, bytes] = {}  # by file descriptor: what was read past the last message


def read_message_blocking(fd: int) -> dict[str, Any]:
    """The learner process's side: wait for the next request (read as it comes, usually in
    one piece, rather than its header first and then its body)."""
    data = bytearray(_unread.pop(fd, b""))
    end = _HEADER.size
    while True:
        if len(data) >= _HEADER.size:
            end = _HEADER.size + _HEADER.unpack_from(data)[0]
            if len(data) >= end:
                if len(data) > end:
                    _unread[fd] = bytes(data[end:])
                return parse_body(bytes(data[_HEADER.size:end]))
        chunk = os.read(fd, max(end - len(data), 1 << 16))
        if not chunk:
            raise EOFError
        data += chunk


def forget_unread(fd: int) -> None:
    """Drop what was read past the last message on ``fd`` (before it is closed)."""
    _unread.pop(fd, None)


def message_length(header: bytes) -> int:
    if len(header) != _HEADER.size:
        raise ProtocolError("truncated message header")
    (length,) = _HEADER.unpack(header)
    if length > MAX_MESSAGE:
        raise ProtocolError(f"message of {length} bytes exceeds the {MAX_MESSAGE}-byte limit")
    return int(length)


HEADER_SIZE = _HEADER.size


def parse_body(body: bytes) -> dict[str, Any]:
    # Every value but the first of a list or object follows a comma, and each list or object
    # opens with a bracket: this bounds what json.loads would build, at C speed, before it does.
    if body.count(b",") + body.count(b"[") + body.count(b"{") > MAX_VALUES:
        raise ProtocolError(f"message holds more than {MAX_VALUES} values")
    try:
        message = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        raise ProtocolError("message is not valid JSON") from None
    if type(message) is not dict:
        raise ProtocolError("message is not a JSON object")
    return message
