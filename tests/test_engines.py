"""summitdata.engines: which engine each name runs, for the gate and load() alike."""

from __future__ import annotations

import pytest

from summitdata import engines
from summitdata.engines import FAST_THRESHOLD_BYTES

#: (engine asked for, bytes of CSV, pyarrow installed, engine run)
PICKS = [
    ("rows", 10 * FAST_THRESHOLD_BYTES, True, "rows"),
    ("fast", 0, False, "fast"),
    ("auto", FAST_THRESHOLD_BYTES + 1, True, "fast"),
    ("auto", FAST_THRESHOLD_BYTES, True, "rows"),
    ("auto", 10 * FAST_THRESHOLD_BYTES, False, "rows"),
]


@pytest.mark.parametrize(("engine", "size", "installed", "expected"), PICKS)
def test_pick_runs_the_engine_asked_for_and_auto_by_size_and_pyarrow(
    engine: str, size: int, installed: bool, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rows and fast are taken as asked; auto is fast above the threshold when pyarrow is installed."""
    monkeypatch.setattr(engines, "fast_available", lambda: installed)
    assert engines.pick(engine, size) == expected


def test_pick_refuses_an_unknown_engine_and_names_the_known_ones() -> None:
    """An engine name not in ENGINES is a ValueError listing them."""
    with pytest.raises(ValueError, match="one of auto, rows, fast, not 'turbo'"):
        engines.pick("turbo", 0)


def test_the_missing_extra_error_names_what_to_install() -> None:
    """FastEngineMissingError is an ImportError whose message says what needs pyarrow and how to get it."""
    error = engines.FastEngineMissingError("load(engine='fast')")
    assert isinstance(error, ImportError)
    assert str(error) == "load(engine='fast') needs pyarrow: pip install 'summitdata[fast]'"
