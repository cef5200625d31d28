"""summitdata.engines: which engine each name runs, for the gate and load() alike."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from summitdata import engines
from summitdata.engines import FAST_THRESHOLD_BYTES, LOAD_FAST_THRESHOLD_BYTES
from summitdata.resources import RESOURCES
from tests.conftest import ROOT


class Pick(NamedTuple):
    engine: str  # asked for
    size: int  # bytes of CSV
    threshold: int
    installed: bool  # pyarrow
    expected: str  # the engine run


PICKS = [
    Pick("rows", 10 * FAST_THRESHOLD_BYTES, FAST_THRESHOLD_BYTES, True, "rows"),
    Pick("fast", 0, FAST_THRESHOLD_BYTES, False, "fast"),
    Pick("auto", FAST_THRESHOLD_BYTES + 1, FAST_THRESHOLD_BYTES, True, "fast"),
    Pick("auto", FAST_THRESHOLD_BYTES, FAST_THRESHOLD_BYTES, True, "rows"),
    Pick("auto", 10 * FAST_THRESHOLD_BYTES, FAST_THRESHOLD_BYTES, False, "rows"),
    Pick("auto", FAST_THRESHOLD_BYTES + 1, LOAD_FAST_THRESHOLD_BYTES, True, "rows"),
    Pick("auto", LOAD_FAST_THRESHOLD_BYTES + 1, LOAD_FAST_THRESHOLD_BYTES, True, "fast"),
]


@pytest.mark.parametrize("case", PICKS)
def test_pick_runs_the_engine_asked_for_and_auto_by_size_and_pyarrow(
    case: Pick, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rows and fast are taken as asked; auto is fast above the threshold when pyarrow is installed."""
    monkeypatch.setattr(engines, "fast_available", lambda: case.installed)
    assert engines.pick(case.engine, case.size, case.threshold) == case.expected


def test_the_gate_switches_engines_at_a_smaller_size_than_load() -> None:
    """The gate's threshold is below load()'s (it checks more per row, and keeps pandas out)."""
    assert 0 < FAST_THRESHOLD_BYTES < LOAD_FAST_THRESHOLD_BYTES


def test_pick_refuses_an_unknown_engine_and_names_the_known_ones() -> None:
    """An engine name not in ENGINES is a ValueError listing them."""
    with pytest.raises(ValueError, match="one of auto, rows, fast, not 'turbo'"):
        engines.pick("turbo", 0)


def test_the_missing_extra_error_names_what_to_install() -> None:
    """FastEngineMissingError is an ImportError whose message says what needs pyarrow and how to get it."""
    error = engines.FastEngineMissingError("load(engine='fast')")
    assert isinstance(error, ImportError)
    assert str(error) == "load(engine='fast') needs pyarrow: pip install 'summitdata[fast]'"


def test_csv_bytes_counts_the_regular_table_files_only(package_copy: Path) -> None:
    """The size auto decides by: every table file's bytes, a symlinked table not counted."""
    sizes = {r.path: (package_copy / r.path).stat().st_size for r in RESOURCES}
    assert engines.csv_bytes(package_copy) == sum(sizes.values())
    people = package_copy / "data/people.csv"
    people.unlink()
    people.symlink_to(ROOT / "data/people.csv")
    assert engines.csv_bytes(package_copy) == sum(sizes.values()) - sizes["data/people.csv"]
