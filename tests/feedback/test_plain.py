"""Plain data between the student's code and the grader (``feedback/plain.py``, ``sandbox/wire.py``): never pickle."""
from __future__ import annotations

import base64
import io
import json
import pickle

import numpy as np
import pytest

from grader.feedback import plain
from grader.sandbox import wire


@pytest.mark.parametrize("value", [
    None, True, 3, -2**70, 1.5, float("inf"), float("nan"), "텍스트",
    np.arange(6.0).reshape(2, 3), np.array(2.5), np.zeros((0, 3)), np.array([True, False]),
    np.int64(7), np.float32(0.25), [1, [2.0, np.ones(2)]], {"w1": np.eye(2), "n": 3},
])
def test_round_trip(value):
    back = plain.loads(plain.dumps({"value": value}))["value"]
    if isinstance(value, np.ndarray):
        assert type(back) is np.ndarray and back.dtype == value.dtype and np.array_equal(back, value)
    elif isinstance(value, float) and value != value:
        assert back != back
    elif isinstance(value, (list, dict)):
        assert json.dumps(str(back)) and len(back) == len(value)
    else:
        assert back == value


def test_subclass_is_sent_as_a_plain_array():
    class Liar(np.ndarray):
        def __eq__(self, other):
            return True
    liar = np.arange(3.0).view(Liar)
    back = plain.loads(plain.dumps({"v": liar}))["v"]
    assert type(back) is np.ndarray and not isinstance(back, Liar)


@pytest.mark.parametrize("value", [object(), np.array([object()]), np.array([1 + 2j]), {1, 2}, b"bytes"])
def test_values_that_are_not_plain_data_are_refused(value):
    with pytest.raises(plain.NotPlainData):
        plain.dumps({"v": value})
    with pytest.raises(plain.NotPlainData):
        plain.copy(value)


def _frame_with_array(dtype, shape, raw: bytes) -> bytes:
    return json.dumps({"__dict__": {"v": {"__ndarray__": {"dtype": dtype, "shape": shape,
                                                          "data": base64.b64encode(raw).decode()}}}}).encode()


def test_pickled_object_array_is_refused_not_unpickled(tmp_path):
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    buf = io.BytesIO()
    np.save(buf, np.array([Evil()], dtype=object), allow_pickle=True)
    for dtype in ("|O", "O", "<O8", "|V8"):
        with pytest.raises(plain.NotPlainData):
            plain.loads(_frame_with_array(dtype, [1], buf.getvalue()))
    with pytest.raises(plain.NotPlainData):  # a whole .npy file, or a pickle, where an array's fields belong
        plain.loads(json.dumps({"__ndarray__": base64.b64encode(buf.getvalue()).decode()}).encode())
    with pytest.raises(plain.NotPlainData):
        plain.loads(_frame_with_array("<f8", [1], pickle.dumps(Evil())))
    assert not marker.exists()


@pytest.mark.parametrize("dtype, shape, raw", [
    ("<c16", [1], bytes(16)), ("<M8", [1], bytes(8)), ("<U1", [1], bytes(4)), ("f8", [1], bytes(8)),
    ("<f8", [2], bytes(8)), ("<f8", [-1], bytes(8)), ("<f8", [1.0], bytes(8)), ("<f8", [True], bytes(8)),
    ("<f8", [10**12, 10**12], bytes(8)), ("<f8", "3", bytes(8)), ("<f8", [1] * 40, bytes(8)),
], ids=["complex", "datetime", "unicode", "no byte order", "short", "negative", "float dim", "bool dim",
        "huge", "shape not a list", "too many dims"])
def test_arrays_other_than_plain_numeric_data_are_refused(dtype, shape, raw):
    with pytest.raises(plain.NotPlainData):
        plain.loads(_frame_with_array(dtype, shape, raw))


def test_an_array_is_rebuilt_from_its_own_bytes_and_owns_them():
    back = plain.loads(_frame_with_array("<i4", [2, 2], np.arange(4, dtype="<i4").tobytes()))["v"]
    assert back.dtype == np.int32 and back.tolist() == [[0, 1], [2, 3]] and back.flags.writeable and back.flags.owndata
    big = plain.loads(_frame_with_array(">f8", [2], np.array([1.5, -2.0], dtype=">f8").tobytes()))["v"]
    assert big.tolist() == [1.5, -2.0]


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"__nope__": 1}', b'{"a": 1, "b": 2}',
                                  b'{"__ndarray__": "!!!"}', b"[" * 100000])
def test_malformed_messages_are_refused(body):
    with pytest.raises(plain.NotPlainData):
        plain.loads(body)


def test_oversized_frame_header_is_refused():
    stream = io.BytesIO(wire.HEADER.pack(wire.MAX_FRAME + 1) + b"x")
    with pytest.raises(wire.WireError):
        wire.read_frame(stream)


@pytest.mark.parametrize("value, name", [({1, 2}, "builtins.set"), (np.array([object()]), "numpy.ndarray (dtype object)"),
                                         (b"x", "builtins.bytes")])
def test_a_value_that_is_not_plain_data_is_named_by_its_type(value, name):
    assert plain.type_name(value) == name


def test_a_copy_is_a_new_plain_value():
    out = {"w": np.ones((2, 2)), "t": (1, 2.5)}
    back = plain.copy(out)
    assert type(back["w"]) is np.ndarray and back["w"] is not out["w"] and back["t"] == [1, 2.5]


def test_an_array_too_large_to_be_an_answer_travels_as_its_shape():
    """A numeric array over plain.MAX_ARRAY_BYTES is described, not sent: the reply stays small, and a check
    can still say what was expected and what came instead (it was called "not plain data" before)."""
    huge = np.zeros((600, 600))
    back = plain.loads(plain.dumps({"v": huge, "small": np.ones(2)}))
    assert back["v"] == plain.TooLarge((600, 600), "<f8") and back["v"].nbytes == huge.nbytes
    assert len(plain.dumps({"v": huge})) < 200 and type(back["small"]) is np.ndarray
    assert plain.copy(huge) == plain.TooLarge((600, 600), "<f8")


def test_a_check_names_the_shape_of_an_array_too_large_to_send():
    from grader.checks import CheckFailed, compare

    with pytest.raises(CheckFailed) as info:
        compare("forward(X)", plain.copy(np.zeros((1000, 1000))), np.zeros((1, 5)))
    assert info.value.text.en.startswith("forward(X): expected shape (1, 5), got an array of shape (1000, 1000) (8 MB), "
                                         "far too large")
    assert "(1000, 1000)(8 MB)인 아주 큰 배열" in info.value.text.ko


@pytest.mark.parametrize("payload", [{"dtype": "|O", "shape": [2]}, {"dtype": "<f8", "shape": [-1]},
                                     {"dtype": "<f8"}, "nope"])
def test_a_forged_array_description_is_refused(payload):
    with pytest.raises(plain.NotPlainData):
        plain.loads(json.dumps({"__dict__": {"v": {"__too_large__": payload}}}).encode())
