"""Which layer the gate is in, shown on a terminal when a validation runs longer than a moment.

The layers announce themselves with :func:`layer`; nothing is shown unless a command turned
the display on with :func:`shown_on` (``summitdata validate`` does, when stderr is a
terminal). The first line appears only after ``after`` seconds, so a quick run prints
nothing extra; stdout and the report are never touched.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO

#: Seconds of silence before the first progress line.
AFTER_SECONDS = 2.0


class _Display:
    def __init__(self, stream: TextIO, after: float) -> None:
        self.stream, self.after = stream, after
        self.started = time.monotonic()
        self.current: str | None = None
        self.shown = False
        self.lock = threading.Lock()
        self.timer = threading.Timer(after, self.show)
        self.timer.daemon = True

    def show(self) -> None:
        with self.lock:
            if self.current is not None:
                self.shown = True
                elapsed = time.monotonic() - self.started
                self.stream.write(f"summitdata validate: {self.current}… ({elapsed:.0f} s)\n")
                self.stream.flush()

    def enter(self, name: str) -> None:
        with self.lock:
            self.current = name
        if self.shown or time.monotonic() - self.started >= self.after:
            self.show()


_ACTIVE: ContextVar[_Display | None] = ContextVar("summitdata_progress", default=None)


def layer(name: str) -> None:
    """The gate enters a layer (shown only while a display is on)."""
    display = _ACTIVE.get()
    if display is not None:
        display.enter(name)


@contextmanager
def shown_on(stream: TextIO, after: float = AFTER_SECONDS) -> Iterator[None]:
    """Show the layers on ``stream`` once the run has taken ``after`` seconds, until the block ends."""
    display = _Display(stream, after)
    token = _ACTIVE.set(display)
    display.timer.start()
    try:
        yield
    finally:
        display.timer.cancel()
        _ACTIVE.reset(token)
