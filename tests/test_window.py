"""A file read forward through a window: the answers the whole bytes give, from a few chunks of them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitdata.validation.strictjson import MAX_DEPTH, strict_value_at
from summitdata.validation.window import UnendedError, Window, WindowLimitError

#: Steps of a walk: (how far the offset moves, what is asked there, how many bytes it compares).
_STEPS = st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["startswith", "rest_is"]), st.integers(0, 12)))


def _window(data: bytes, chunk: int, limit: int | None = None) -> Window:
    return Window(io.BytesIO(data), len(data) if limit is None else limit, chunk=chunk)


@given(st.binary(max_size=300), st.integers(1, 32), _STEPS)
def test_a_window_answers_what_the_whole_bytes_answer(
    data: bytes, chunk: int, steps: list[tuple[int, str, int]]
) -> None:
    """startswith and rest_is at offsets moving forward: the answers of the bytes held whole."""
    window = _window(data, chunk)
    pos = 0
    for move, ask, length in steps:
        pos += move
        expected = data[pos : pos + length]
        if ask == "startswith":
            assert window.startswith(expected, pos) == data.startswith(expected, pos)
            assert window.startswith(expected + b"\x00", pos) == data.startswith(expected + b"\x00", pos)
        else:
            assert window.rest_is(data[pos:], pos)
            assert window.rest_is(expected, pos) == (data[pos:] == expected)


def _value_at(data: bytes, pos: int) -> tuple[Any, int]:
    return strict_value_at(data, pos, MAX_DEPTH - 2)


def test_a_value_longer_than_the_window_is_read_by_doubling_it() -> None:
    """A value ten thousand times the chunk is parsed whole, asked for only log2(10,000) + 1 times."""
    text = b'{"a": "' + b"x" * 100_000 + b'"}, more'
    calls = []

    def counted(data: bytes, pos: int) -> tuple[Any, int]:
        calls.append(len(data))
        return _value_at(data, pos)

    value, end = _window(text, 10).value(0, counted)
    assert value == {"a": "x" * 100_000}
    assert text[end:] == b", more"
    assert len(calls) == 15  # 10 · 2**14 = 163,840 bytes are the first window to hold it


def test_a_value_that_never_ends_is_refused_once_the_whole_file_is_read() -> None:
    """An unterminated string among a million escaped quotes: refused after linear work, not retried forever."""
    text = b'[{"a": "' + b'\\"' * 1_000_000
    with pytest.raises(UnendedError, match="does not end"):
        _window(text, 1024).value(1, _value_at)


def test_a_file_that_grew_past_the_limit_is_refused() -> None:
    """Reading past ``limit`` bytes raises WindowLimitError (the whole read then reports file-too-large)."""
    window = _window(b"x" * 100, 8, limit=50)
    assert window.startswith(b"x" * 40, 0)
    with pytest.raises(WindowLimitError):
        window.startswith(b"x", 60)


def test_offsets_never_go_back() -> None:
    """An offset behind what the window dropped is a caller's error, raised, not answered from wrong bytes."""
    window = _window(b"abcdefghij" * 10, 4)
    assert window.startswith(b"ef", 54)
    with pytest.raises(ValueError, match="past offset"):
        window.startswith(b"a", 0)


def test_the_window_holds_a_few_chunks_not_the_file() -> None:
    """Walking a megabyte of small records through a 1 KiB window never holds more than three KiB of it."""
    record = b'{"a": 1},\n'
    text = record * 100_000
    window = _window(text, 1024)
    held = 0
    for pos in range(0, len(text), len(record)):
        value, end = window.value(pos, _value_at)
        assert value == {"a": 1}
        assert window.startswith(b",\n", end)
        held = max(held, len(window._data))  # the bytes held are the point of the test
    assert held <= 3 * 1024


def test_a_long_record_read_ahead_is_let_go_in_linear_work() -> None:
    """After a record just over a megabyte, whose parse read a megabyte ahead, walking on in small steps copies the
    bytes held a few times in all, not once a chunk."""
    text = b'[{"a": "' + b"x" * 2**20 + b'"}' + b', {"a": 1}' * 200_000 + b"]"
    window = _window(text, 1024)
    pos = 1
    while window.startswith(b"{", pos) or window.startswith(b", ", pos):
        pos += 0 if window.startswith(b"{", pos) else 2
        _, pos = window.value(pos, _value_at)
    assert window.rest_is(b"]", pos)
    assert window.copied <= 4 * len(text)


def test_records_ever_longer_are_scanned_a_few_times_in_all() -> None:
    """Records of 1 KiB to 4 MiB in turn: each retry is given twice what the last was, so the parses scan the file
    a few times in all, not once per doubling over what was read ahead."""
    text = b"[" + b", ".join(b'{"a": "' + b"x" * 2**k + b'"}' for k in range(10, 23)) + b"]"
    scanned = 0

    def counted(data: bytes, pos: int) -> tuple[Any, int]:
        nonlocal scanned
        scanned += len(data) - pos
        return _value_at(data, pos)

    window = _window(text, 1024)
    pos = 1
    for k in range(10, 23):
        value, pos = window.value(pos + (2 if k > 10 else 0), counted)
        assert value == {"a": "x" * 2**k}
    assert window.rest_is(b"]", pos)
    assert scanned <= 3 * len(text)
