"""A file read front to back through a window: only the bytes around the current offset are held.

The gate walks a stale data/summit.json beside the generator's document (:func:`.compare.aligned_part`).
Held whole, the file's bytes were the largest object of that walk (1.4 GB at a million rows);
through a window, memory holds a few megabytes of it, or one record's bytes where a record is
longer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO, TypeVar

#: Bytes read at a time; the window also drops what lies behind the offset this many bytes at a time.
CHUNK_BYTES = 1024**2

T = TypeVar("T")


class UnendedError(ValueError):
    """Raised by a parser whose value runs past the end of the bytes it was given.

    A ValueError: a caller that catches those treats it as any other refusal.
    """


class WindowLimitError(ValueError):
    """The file has more bytes than the window may read (it grew past the size limit)."""


class Window:
    """The bytes of a file, read forward as offsets ask for them; offsets never go back.

    ``limit``: the most bytes read in all; reading past it raises :class:`WindowLimitError`.
    ``chunk``: the bytes read at a time (by default :data:`CHUNK_BYTES`).
    """

    def __init__(self, file: BinaryIO | None, limit: int, data: bytes = b"", *, chunk: int | None = None) -> None:
        self._file, self._limit = file, limit
        self._chunk = chunk or CHUNK_BYTES
        self._data, self._base = data, 0  # the window and the file offset of its first byte
        self._read = len(data)
        self._ended = file is None
        #: Bytes copied in all when letting go of what lies behind (the tests bound it: linear).
        self.copied = 0

    @classmethod
    def of(cls, data: bytes) -> Window:
        """A window over bytes already in memory (all of them: nothing to read, nothing let go)."""
        return cls(None, len(data), data, chunk=len(data) + 1)

    def _cover(self, pos: int, size: int) -> int:
        """Hold the bytes from ``pos`` on, ``size`` of them or up to the end; their place in the window."""
        if pos < self._base:
            raise ValueError(f"the window is past offset {pos}")  # a caller's error: offsets only go forward
        held = self._base + len(self._data)
        if pos >= held:  # nothing held is wanted: what lies between is read and let go
            self._skip(pos - held)
            self._data, self._base = b"", pos
        elif pos - self._base >= max(self._chunk, len(self._data) // 2):
            # At least half of what is held goes each time: every byte is copied a few times at most,
            # however far a long record made the window read ahead.
            self._data, self._base = self._data[pos - self._base :], pos
            self.copied += len(self._data)
        end = pos + size
        if end > self._base + len(self._data):
            pieces = [self._data]
            have = self._base + len(self._data)
            while have < end and (piece := self._next(max(end - have, self._chunk))):
                pieces.append(piece)
                have += len(piece)
            self._data = b"".join(pieces)
        return pos - self._base

    def _next(self, most: int) -> bytes:
        """The file's next bytes, up to ``most`` of them, or b"" at its end."""
        if self._file is None or self._ended:
            return b""
        piece = self._file.read(most)
        self._ended = not piece
        self._read += len(piece)
        if self._read > self._limit:
            raise WindowLimitError(f"more than {self._limit:,} bytes")
        return piece

    def _skip(self, count: int) -> None:
        while count > 0 and (piece := self._next(min(count, self._chunk))):
            count -= len(piece)

    def startswith(self, prefix: bytes, pos: int) -> bool:
        """Whether the file's bytes at ``pos`` begin with ``prefix``."""
        at = self._cover(pos, len(prefix))  # first: it replaces the window's bytes
        if self._ended and pos > self._read:
            return False  # past the end of the file, as bytes.startswith answers past the end of the bytes
        return self._data.startswith(prefix, at)

    def rest_is(self, suffix: bytes, pos: int) -> bool:
        """Whether the file's bytes from ``pos`` to its end are exactly ``suffix``."""
        at = self._cover(pos, len(suffix) + 1)
        return self._data[at:] == suffix

    def value(self, pos: int, parse: Callable[[bytes, int], tuple[T, int]]) -> tuple[T, int]:
        """``parse`` of the bytes at ``pos``: its value and the file offset after it.

        ``parse`` (data, offset) raises :class:`UnendedError` where the value runs past the bytes it is
        given; the window then doubles what it gave and asks again, so the work stays linear in the
        value's length, and memory holds no more than about twice its bytes.
        """
        size = self._chunk
        while True:
            at = self._cover(pos, size)
            try:
                value, end = parse(self._data, at)
            except UnendedError:
                held = self._base + len(self._data) - pos  # what the parse was given, read ahead included
                if self._ended and held < size:
                    raise  # the window holds the rest of the file: the value never ends
                # Twice what it was given, not twice what it asked for: after a long record made the window
                # read far ahead, a longer one is not scanned again and again over bytes it already had.
                size = 2 * max(size, held)
                continue
            return value, self._base + end


def as_window(data: bytes | Window) -> Window:
    """``data`` as a window (bytes in memory are one window over them all)."""
    return data if isinstance(data, Window) else Window.of(data)


__all__: list[str] = ["CHUNK_BYTES", "UnendedError", "Window", "WindowLimitError", "as_window"]
